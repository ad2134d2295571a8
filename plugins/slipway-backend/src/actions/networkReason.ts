/** Why a fetch failed, in a word a developer recognises (ECONNREFUSED, ENOTFOUND, …) rather than "fetch failed". */
export function networkReason(error: unknown): string {
  const e = error as {
    message?: string;
    cause?: {
      code?: string;
      message?: string;
      errors?: Array<{ code?: string }>;
    };
  };
  return (
    e?.cause?.code ??
    e?.cause?.errors?.[0]?.code ??
    e?.cause?.message ??
    e?.message ??
    String(error)
  );
}
