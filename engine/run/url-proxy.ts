// The proxy Python's urllib takes for a URL from the environment (getproxies_environment, proxy_bypass_environment):
// http_proxy / https_proxy (the lower-case name first), skipped for the hosts no_proxy names ('*' for all, a
// domain for itself and its subdomains, host:port for that port). Ansible's url lookup uses it unless use_proxy=false.

function envProxy(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = env[name.toLowerCase()] ?? (name === 'http_proxy' && env.REQUEST_METHOD !== undefined ? undefined : env[name.toUpperCase()]);
  return v === undefined || v === '' ? undefined : v;
}

/** Whether no_proxy exempts the host (and port) of the URL. */
export function bypassed(url: URL, noProxy: string | undefined): boolean {
  if (noProxy === undefined || noProxy === '') return false;
  if (noProxy.trim() === '*') return true;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const hostPort = url.port !== '' ? `${host}:${url.port}` : host;
  for (const raw of noProxy.split(',')) {
    const entry = raw.trim().replace(/^\./, '').toLowerCase();
    if (entry === '') continue;
    for (const h of [host, hostPort]) if (h === entry || h.endsWith(`.${entry}`)) return true;
  }
  return false;
}

/** The proxy URL for `target`, or undefined for a direct connection. */
export function proxyFor(target: string, env: NodeJS.ProcessEnv): string | undefined {
  const url = new URL(target);
  const proxy = envProxy(env, url.protocol === 'https:' ? 'https_proxy' : 'http_proxy');
  if (proxy === undefined || bypassed(url, envProxy(env, 'no_proxy'))) return undefined;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`;
}
