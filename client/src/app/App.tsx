import { useEffect, useState } from 'react';
import { BoardPage } from './BoardPage';
import { Lobby } from './Lobby';

/** Routes: `/` is the lobby, `/b/<boardId>#token=…` a board. */
function parseRoute(): { page: 'lobby' } | { page: 'board'; boardId: string; token: string | null } {
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
  return route.page === 'board' ? <BoardPage boardId={route.boardId} token={route.token} /> : <Lobby />;
}
