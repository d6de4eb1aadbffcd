// Whether a process still exists: signal 0 checks without touching it (throws ESRCH once it is gone).
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
