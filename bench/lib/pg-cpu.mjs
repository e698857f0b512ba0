// CPU time of the PostgreSQL backends serving one database, from /proc (Linux; the server runs on
// this machine). On a shared machine CPU time per operation is far steadier than operations per
// second, and the database's share of the work is what Node's own process.cpuUsage() cannot see.
import { readFileSync } from 'node:fs';

const MS_PER_TICK = 10; // USER_HZ is 100 on Linux

/** CPU milliseconds used so far by each backend connected to the database `sql` is connected to. */
export async function backendCpu(sql) {
  const rows = await sql.query('select pid from pg_stat_activity where datname = current_database()');
  const cpu = new Map();
  for (const { pid } of rows) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK);
    } catch {
      // The backend ended meanwhile.
    }
  }
  return cpu;
}

/** CPU milliseconds the backends used between two `backendCpu` snapshots (backends new since count whole). */
export function backendCpuSince(before, after) {
  let sum = 0;
  for (const [pid, ms] of after) sum += ms - (before.get(pid) ?? 0);
  return sum;
}
