/** An edit that would break the document's rules; nothing was changed. */
export class OpError extends Error {
  /**
   * @param key optional i18n key the interface shows instead of the (English) message, for
   *   refusals people meet in normal use (e.g. `tree.errors.cycle`).
   */
  constructor(
    message: string,
    readonly key?: string,
  ) {
    super(message);
    this.name = 'OpError';
  }
}
