package jdlab.kernel;

import jdlab.kernel.protocol.Channel;
import jdlab.kernel.protocol.Message;

/** Serves one kind of request that came in on {@code channel}. */
@FunctionalInterface
interface RequestHandler {
    void handle(Channel channel, Message request);
}
