import { useEffect, useState } from 'react';
import { BoardPage } from './BoardPage';
import { IdeaFormPage } from './IdeaFormPage';
import { Lobby } from './Lobby';

type Route = { page: 'lobby' } | { page: 'board'; boardId: string; token: string | null } | { page: 'idea'; boardId: string; formKey: string };

/** Routes: `/` is the lobby, `/b/<boardId>#token=…` a board, `/idea/<boardId>/<key>` the residents' idea form. */
function parseRoute(): Route {
  const idea = location.pathname.match(/^\/idea\/([A-Za-z0-9_-]{1,64})\/([A-Za-z0-9_-]{1,64})\/?$/);
  if (idea) return { page: 'idea', boardId: idea[1]!, formKey: idea[2]! };
  const match = location.pathname.match(/^\/b\/([A-Za-z0-9_-]{1,64})\/?$/);
  if (!match) return { page: 'lobby' };
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  return { page: 'board', boardId: match[1]!, token };
}

export function App() {
  const [route, setRoute] = useState(parseRoute);
  useEffect(() => {
    const update = () => setRoute(parseRoute());
    window.addEventListener('popstate', update);
    window.addEventListener('hashchange', update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener('hashchange', update);
    };
  }, []);
  if (route.page === 'idea') return <IdeaFormPage boardId={route.boardId} formKey={route.formKey} />;
  return route.page === 'board' ? <BoardPage boardId={route.boardId} token={route.token} /> : <Lobby />;
}
