// Test endpoint: TCP listeners on the given addresses that accept and close. Prints "LISTENING" once all are bound,
// then "ACCEPT <ip>:<port>" per connection (the address the connection actually reached). Exits by itself.
// Usage: node e2e-listen.mjs MAX_SECONDS IP PORT [IP PORT ...]
import net from "node:net";

const [maxSeconds, ...pairs] = process.argv.slice(2);
const wanted = pairs.length / 2;
if (!Number(maxSeconds) || wanted < 1 || !Number.isInteger(wanted)) {
  console.error("usage: e2e-listen.mjs MAX_SECONDS IP PORT [IP PORT ...]");
  process.exit(2);
}
let bound = 0;
for (let i = 0; i < pairs.length; i += 2) {
  const server = net.createServer((socket) => {
    socket.on("error", () => {});
    process.stdout.write(`ACCEPT ${socket.localAddress}:${socket.localPort}\n`);
    socket.end();
  });
  server.on("error", (err) => {
    console.error(`listen ${pairs[i]}:${pairs[i + 1]}: ${err.message}`);
    process.exit(1);
  });
  server.listen(Number(pairs[i + 1]), pairs[i], () => {
    bound += 1;
    if (bound === wanted) process.stdout.write("LISTENING\n");
  });
}
setTimeout(() => process.exit(0), Number(maxSeconds) * 1000);
