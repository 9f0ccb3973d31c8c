import { useEffect, useState } from 'react';

/** A blob URL for PDF bytes, revoked when the bytes change or the component goes. */
export function usePdfUrl(pdf: Uint8Array | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!pdf) {
      setUrl(null);
      return;
    }
    const next = URL.createObjectURL(new Blob([pdf as BlobPart], { type: 'application/pdf' }));
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [pdf]);
  return url;
}
