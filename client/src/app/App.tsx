import { routeOf, type Route } from '../../../shared/protocol/routes';
import { useEffect, useState } from 'react';
import { BoardPage } from './BoardPage';
import { IdeaFormPage } from './IdeaFormPage';
import { Lobby } from './Lobby';
import { StatementPage } from '../statement/StatementPage';

function parseRoute(): Route {
  return routeOf(location.pathname, location.hash);
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
  if (route.page === 'statement') return <StatementPage />;
  if (route.page === 'idea') return <IdeaFormPage boardId={route.boardId} formKey={route.formKey} />;
  return route.page === 'board' ? <BoardPage boardId={route.boardId} token={route.token} /> : <Lobby />;
}
