package broadcast.transport.tcp.internal.hub;

import broadcast.api.Outcome;

/** Who sent a message the hub routes, and where its outcome goes: a client by name, or the hub itself. */
interface Sender {

    /** The name written as the message's sender. */
    String name();

    /** Reports the outcome; called on any thread. */
    void outcome(Outcome outcome);
}
