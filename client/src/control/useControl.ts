import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { EVENTS, type Ack, type Command, type View } from '../../../shared/protocol/commands';
import { applyDraftDelta, type DraftDelta } from '../../../shared/facilitation/drafts';
import { initialControlState, type ControlState, type Draft, type Person, type Role } from '../../../shared/protocol/state';
import { sessionId } from './session';

export interface Reaction {
  key: number;
  name: string;
  emoji: string;
}

export interface ControlApi {
  connected: boolean;
  /** Whether the server's facilitation state has arrived at least once (before it, `state` is the empty initial one). */
  stateKnown: boolean;
  state: ControlState;
  /** Server time minus local time, to show one clock to everyone. */
  clockOffset: number;
  people: Person[];
  /** This tab's public id in `people` (null until the server has said who this is). */
  me: string | null;
  /** This tab's role as the server sees it now (it can change live). */
  role: Role | null;
  myVotes: { roundId: string; itemIds: string[] } | null;
  /** This person's hidden notes (private brainstorming). */
  drafts: Draft[];
  reactions: Reaction[];
  /** This person's own blind scores not yet revealed, by element. */
  myRatings: Record<string, Record<string, number>>;
  removed: string | null;
  send(command: Command): Promise<Ack>;
}

export interface ControlHandlers {
  onSummon(view: View | { frameId: string }): void;
  onFollowView(view: View): void;
}

/** The facilitation channel: socket.io with the board token; state, people and effects. */
export function useControl(boardId: string, token: string | null, name: string | null, handlers: ControlHandlers): ControlApi {
  const [connected, setConnected] = useState(false);
  const [stateKnown, setStateKnown] = useState(false);
  const [state, setState] = useState<ControlState>(initialControlState);
  const [clockOffset, setClockOffset] = useState(0);
  const [people, setPeople] = useState<Person[]>([]);
  const [role, setRole] = useState<Role | null>(null);
  /** This tab's public id, as the presence list shows it (the session id itself stays here). */
  const [me, setMe] = useState<string | null>(null);
  const [myVotes, setMyVotes] = useState<ControlApi['myVotes']>(null);
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [reactions, setReactions] = useState<Reaction[]>([]);
  const [removed, setRemoved] = useState<string | null>(null);
  const [myRatings, setMyRatings] = useState<ControlApi['myRatings']>({});
  const socketRef = useRef<Socket | null>(null);
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;

  useEffect(() => {
    if (!token || name === null) return;
    const socket = io({ auth: { boardId, token, sessionId: sessionId(), name }, transports: ['websocket'] });
    socketRef.current = socket;
    socket.on('connect', () => setConnected(true));
    socket.on('disconnect', () => setConnected(false));
    socket.on(EVENTS.state, ({ state: next, serverNow }: { state: ControlState; serverNow: number }) => {
      setState(next);
      setStateKnown(true);
      setClockOffset(serverNow - Date.now());
      const open = next.rounds.at(-1);
      if (!open?.open) setMyVotes(null);
    });
    socket.on(EVENTS.people, (list: Person[]) => setPeople(list));
    socket.on(EVENTS.you, ({ role: next, sessionId: publicId }: { role: Role; sessionId: string }) => {
      setRole(next);
      setMe(publicId);
    });
    socket.on(EVENTS.myVotes, (votes: { roundId: string; itemIds: string[] }) => setMyVotes(votes));
    socket.on(EVENTS.myDrafts, ({ drafts: mine }: { drafts: Draft[] }) => setDrafts(mine));
    // After joining, the server sends only what changed.
    socket.on(EVENTS.myDraftsChanged, (delta: DraftDelta) => setDrafts((mine) => applyDraftDelta(mine, delta)));
    socket.on(EVENTS.summon, ({ view }: { view: View | { frameId: string } }) => handlersRef.current.onSummon(view));
    socket.on(EVENTS.followView, ({ view }: { view: View }) => handlersRef.current.onFollowView(view));
    socket.on(EVENTS.removed, ({ reason }: { reason: string }) => setRemoved(reason));
    socket.on(EVENTS.myRatings, ({ ratings }: { ratings: ControlApi['myRatings'] }) => setMyRatings(ratings));
    let key = 0;
    socket.on(EVENTS.reaction, ({ name: who, emoji }: { name: string; emoji: string }) => {
      const reaction = { key: key++, name: who, emoji };
      setReactions((list) => [...list.slice(-20), reaction]);
      setTimeout(() => setReactions((list) => list.filter((r) => r !== reaction)), 4000);
    });
    return () => {
      socket.disconnect();
      socketRef.current = null;
    };
  }, [boardId, token, name]);

  const send = useCallback(async (command: Command): Promise<Ack> => {
    const socket = socketRef.current;
    if (!socket?.connected) return { ok: false, error: 'offline' };
    try {
      return (await socket.timeout(5000).emitWithAck(EVENTS.command, command)) as Ack;
    } catch {
      return { ok: false, error: 'no answer from the server' };
    }
  }, []);

  return { connected, stateKnown, state, clockOffset, people, role, me, myVotes, drafts, reactions, myRatings, removed, send };
}
