import { ApiError, api, formFieldOf } from '../../api/client.ts';

/** A file stored by `POST /cases/uploads`, waiting to be attached to an application or a supplement. */
export type Upload = { id: string; fileName: string; mediaType: string; sizeBytes: number; sha256: string; createdAt: string };

/** What the server accepts (it checks the bytes, not only the name); offered to the file picker. */
export const acceptedFiles = '.pdf,.jpg,.jpeg,.png,.tif,.tiff,.ofd,.docx,.xlsx,.zip';

/**
 * Sends one file as multipart/form-data. The JSON client cannot send a body like this, so the
 * CSRF token is fetched here the same way (double-submit cookie) and errors become `ApiError`s.
 */
export async function uploadFile(file: File): Promise<Upload> {
  const { token } = await api.get<{ token: string }>('/auth/csrf');
  const body = new FormData();
  body.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch('/api/v1/cases/uploads', {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'x-csrf-token': token },
    });
  } catch (error) {
    throw new ApiError(0, 'NETWORK', (error as Error).message);
  }
  if (!response.ok) {
    let error: { code?: string; message?: string; field?: string; details?: Record<string, unknown> } = {};
    try {
      error = await response.json();
    } catch {
      // a proxy's HTML error page: the status says enough
    }
    const code = (error.code ?? (response.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'INTERNAL')) as ApiError['code'];
    throw new ApiError(response.status, code, error.message ?? response.statusText, formFieldOf(error.field), error.details);
  }
  const { items } = (await response.json()) as { items: Upload[] };
  const upload = items[0];
  if (!upload) throw new ApiError(500, 'INTERNAL', 'empty upload answer');
  rememberUpload(upload);
  return upload;
}

/**
 * Drafts keep only upload ids; the file names are remembered in this browser so a resumed draft
 * can still say which file was chosen.
 */
const storageKey = 'tongban.uploads';
type Remembered = Record<string, { fileName: string; sizeBytes: number }>;

function readRemembered(): Remembered {
  try {
    return JSON.parse(window.localStorage.getItem(storageKey) ?? '{}') as Remembered;
  } catch {
    return {};
  }
}

function rememberUpload(upload: Upload) {
  try {
    const all = readRemembered();
    all[upload.id] = { fileName: upload.fileName, sizeBytes: upload.sizeBytes };
    // Bounded: the newest 200 entries are plenty for a person's drafts.
    const entries = Object.entries(all).slice(-200);
    window.localStorage.setItem(storageKey, JSON.stringify(Object.fromEntries(entries)));
  } catch {
    // storage disabled: names are simply not shown on resume
  }
}

export function rememberedUpload(id: string): { fileName: string; sizeBytes: number } | undefined {
  return readRemembered()[id];
}
