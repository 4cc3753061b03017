import { routeOf, type Route } from '../../../shared/protocol/routes';
import { useEffect, useState } from 'react';
import { BoardPage } from './BoardPage';
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
  // The idea form is a page of its own (idea.html, client/src/idea); main.tsx starts it.
  if (route.page === 'idea') return null;
  return route.page === 'board' ? <BoardPage boardId={route.boardId} token={route.token} /> : <Lobby />;
}
