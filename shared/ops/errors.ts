/** An edit that would break the document's rules; nothing was changed. */
export class OpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OpError';
  }
}
