/** One id per browser tab, shared by the sync and facilitation connections. */
export function sessionId(): string {
  const key = 'warsztat.session';
  let id = sessionStorage.getItem(key);
  if (!id) {
    id = crypto.randomUUID().replace(/-/g, '');
    sessionStorage.setItem(key, id);
  }
  return id;
}
