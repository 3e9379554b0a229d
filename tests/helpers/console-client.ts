/** An officer using the console's API over HTTP, as the console page does: a session cookie and a CSRF token. */
export class ConsoleClient {
  private cookie = '';
  private csrf = '';

  constructor(readonly baseUrl: string) {}

  private remember(response: Response): void {
    const set = response.headers.getSetCookie().find((c) => c.startsWith('mohalla_session='));
    if (set) this.cookie = set.split(';')[0] ?? '';
  }

  async request(method: string, path: string, body?: unknown, options: { csrf?: boolean } = {}): Promise<{ status: number; json: unknown; text: string; headers: Headers }> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && options.csrf !== false && this.csrf) headers['x-csrf-token'] = this.csrf;
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    this.remember(response);
    const text = await response.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {}
    if (json && typeof json === 'object' && 'csrfToken' in json) this.csrf = String((json as { csrfToken: string }).csrfToken);
    return { status: response.status, json, text, headers: response.headers };
  }

  /** Fetches a CSRF token (which starts a session), then logs in; returns the login's status. */
  async login(username: string, password: string): Promise<number> {
    await this.request('GET', '/api/session');
    return (await this.request('POST', '/api/session', { username, password })).status;
  }
}
