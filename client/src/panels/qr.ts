/**
 * A QR code of `text` as a data URL. The encoder (qrcode, ~70 KB) is loaded on first use: it is
 * only needed in the share and idea-form sections, not for drawing the board.
 */
export async function qrDataUrl(text: string, width: number): Promise<string> {
  const { default: QRCode } = await import('qrcode');
  return QRCode.toDataURL(text, { margin: 1, width });
}
