// Test client: opens new TCP connections to IP:PORT at most RATE per second (each closed at once; paced, never
// catching up in bursts) until SIGTERM or MAX_SECONDS, waits for the open ones to end, prints {"ok":n,"failed":n}.
// Usage: node e2e-traffic.mjs IP PORT RATE MAX_SECONDS
import net from "node:net";

const [host, port, rate, maxSeconds] = process.argv.slice(2).map((a, i) => (i === 0 ? a : Number(a)));
if (!host || !port || !(rate > 0) || !(maxSeconds > 0)) {
  console.error("usage: e2e-traffic.mjs IP PORT RATE MAX_SECONDS");
  process.exit(2);
}
let ok = 0;
let failed = 0;
let open = 0;
let stopping = false;
let next = null;

function finish() {
  if (!stopping || open > 0) return;
  process.stdout.write(`${JSON.stringify({ ok, failed })}\n`);
  process.exit(0);
}

function connect() {
  if (stopping) return;
  next = setTimeout(connect, 1000 / rate);
  open += 1;
  const socket = net.connect(port, host);
  let connected = false;
  socket.setTimeout(5000, () => socket.destroy(new Error("timeout")));
  socket.on("connect", () => {
    connected = true;
    socket.end();
  });
  socket.on("error", () => {});
  socket.on("close", () => {
    if (connected) ok += 1;
    else failed += 1;
    open -= 1;
    finish();
  });
  socket.resume();
}

function stop() {
  stopping = true;
  clearTimeout(next);
  finish();
}

process.on("SIGTERM", stop);
setTimeout(stop, maxSeconds * 1000);
// Never outlive the schedule by much, even if a connection hangs.
setTimeout(
  () => {
    process.stdout.write(`${JSON.stringify({ ok, failed: failed + open })}\n`);
    process.exit(1);
  },
  maxSeconds * 1000 + 10_000,
).unref();
connect();
