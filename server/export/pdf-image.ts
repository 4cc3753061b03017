import type PDFDocument from 'pdfkit';
import type { FramePicture } from './report';

type Pdf = InstanceType<typeof PDFDocument>;
/** What pdfkit's `image()` takes as an image already opened: it calls `embed` once, then places `obj`. */
interface OpenedImage {
  label: string;
  width: number;
  height: number;
  obj: unknown;
  embed(document: Pdf): void;
}

let count = 0;

/**
 * A picture for pdfkit's `image()`, embedded straight from its compressed RGB rows. Given the
 * PNG file, pdfkit parses it with png-js, which copies the image data into a JavaScript array
 * one byte at a time (half a second and much garbage for a big report's pictures) only to write
 * the same bytes out again. A PDF image with FlateDecode and the PNG predictor (15) reads a PNG's
 * IDAT data as it is (PDF 32000-1, 7.4.4.4), so that is what is written here.
 */
export function pdfImage(picture: FramePicture): FramePicture['png'] | OpenedImage {
  const data = picture.rgbDeflated;
  if (!data) return picture.png;
  const image: OpenedImage = {
    label: `W${++count}`,
    width: picture.width,
    height: picture.height,
    obj: null,
    embed(document) {
      if (image.obj) return;
      // pdfkit's own objects (PDFReference): `ref` makes one, `end` writes its stream.
      const doc = document as unknown as { ref(data?: object): { data: Record<string, unknown>; end(chunk?: Uint8Array): void } };
      const obj = doc.ref({ Type: 'XObject', Subtype: 'Image', BitsPerComponent: 8, Width: picture.width, Height: picture.height, Filter: 'FlateDecode', ColorSpace: 'DeviceRGB' });
      const params = doc.ref({ Predictor: 15, Colors: 3, BitsPerComponent: 8, Columns: picture.width });
      obj.data.DecodeParms = params;
      params.end();
      obj.end(data);
      image.obj = obj;
    },
  };
  return image;
}
