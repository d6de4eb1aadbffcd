// Whether a value can be a TCP port (ansible_port, ansible_ssh_port): found while loading, not when connecting.

/**
 * Why `value` is not a port number (an integer 1-65535, or a string of digits for one), or undefined when it is
 * one, or when it is a template whose value is only known at run time.
 */
export function portValueProblem(value: unknown): string | undefined {
  if (typeof value === 'string' && (value.includes('{{') || value.includes('{%'))) return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (Number.isInteger(n) && n >= 1 && n <= 65535) return undefined;
  const shown = typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value) : JSON.stringify(value) ?? String(value);
  return `${shown} is not a port number (an integer from 1 to 65535)`;
}

/** The variables that name the SSH port. */
export const PORT_VARIABLES: readonly string[] = ['ansible_port', 'ansible_ssh_port'];
