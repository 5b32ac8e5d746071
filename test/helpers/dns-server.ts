/**
 * A tiny DNS server on loopback (UDP) that answers MX questions from a table, so the offline
 * form's MX check (Livechat_validate_offline_email) runs against real DNS packets without any
 * traffic leaving the machine. Names not in the table get NXDOMAIN; other question types get an
 * empty NOERROR answer.
 */
import { createSocket } from 'node:dgram';
import { promises as dns } from 'node:dns';

export interface LoopbackDns {
  /** A node resolver whose only server is this one. */
  resolver: dns.Resolver;
  /** Every name asked, lower-cased, in order. */
  asked: string[];
  close(): Promise<void>;
}

const TYPE_MX = 15;

function encodeName(name: string): Buffer {
  const parts = name.split('.').filter(Boolean);
  return Buffer.concat([
    ...parts.map((p) => Buffer.concat([Buffer.from([p.length]), Buffer.from(p, 'ascii')])),
    Buffer.from([0]),
  ]);
}

/** The question's name and type, and where the question section ends. */
function readQuestion(msg: Buffer): { name: string; type: number; end: number } {
  let i = 12;
  const labels: string[] = [];
  while (msg[i] !== 0) {
    const len = msg[i]!;
    labels.push(msg.subarray(i + 1, i + 1 + len).toString('ascii'));
    i += len + 1;
  }
  i += 1;
  return { name: labels.join('.').toLowerCase(), type: msg.readUInt16BE(i), end: i + 4 };
}

function answer(query: Buffer, mx: Map<string, string[]>, asked: string[]): Buffer {
  const q = readQuestion(query);
  asked.push(q.name);
  const exchanges = mx.get(q.name);
  const records = exchanges && q.type === TYPE_MX ? exchanges : [];
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2); // the id
  // QR + RD + RA; rcode 3 (NXDOMAIN) for names we do not know
  header.writeUInt16BE(0x8180 | (exchanges ? 0 : 3), 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(records.length, 6);
  const rrs = records.map((exchange, n) => {
    const rdata = Buffer.concat([Buffer.from([0, 10 * (n + 1)]), encodeName(exchange)]);
    const fixed = Buffer.alloc(12);
    fixed.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
    fixed.writeUInt16BE(TYPE_MX, 2);
    fixed.writeUInt16BE(1, 4); // IN
    fixed.writeUInt32BE(60, 6);
    fixed.writeUInt16BE(rdata.length, 10);
    return Buffer.concat([fixed, rdata]);
  });
  return Buffer.concat([header, query.subarray(12, q.end), ...rrs]);
}

/** Starts the server; `mx` maps a domain to its mail exchangers. */
export async function startLoopbackDns(mx: Record<string, string[]>): Promise<LoopbackDns> {
  const table = new Map(Object.entries(mx).map(([k, v]) => [k.toLowerCase(), v]));
  const asked: string[] = [];
  const socket = createSocket('udp4');
  socket.on('message', (msg, rinfo) => {
    try {
      socket.send(answer(msg, table, asked), rinfo.port, rinfo.address);
    } catch {
      // a malformed packet gets no answer, as from a real server that drops it
    }
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  const resolver = new dns.Resolver({ timeout: 1000, tries: 1 });
  resolver.setServers([`127.0.0.1:${socket.address().port}`]);
  return {
    resolver,
    asked,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
