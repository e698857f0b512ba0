// The PostgreSQL the benchmarks create their scratch databases on (BENCH_PG_ADMIN_URL), and one
// statement run there as its administrator: create database, drop database, show server_version.
import pg from 'pg';

export const adminUrl = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The URL of database `name` on the same server, as the same user. */
export const databaseUrl = (name) => Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();

/** Runs `sql` on the administrative connection (a fresh one, closed afterwards); its rows. */
export async function admin(sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}
