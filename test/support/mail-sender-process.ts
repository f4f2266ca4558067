/**
 * The outbox sender as its own process, as the server's job worker runs it: the first run
 * re-queues deliveries a previous process left in "sending", then it delivers every 100 ms.
 * Prints "sent <n>" after each run that delivered something. Used by the kill -9 test.
 */
import { MAIL_SENDER_JOB } from "../../app/utils/mail/sender.server";

for (;;) {
  await MAIL_SENDER_JOB.run();
  await new Promise((r) => setTimeout(r, 100));
}
