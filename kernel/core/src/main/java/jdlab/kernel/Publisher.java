package jdlab.kernel;

import com.google.gson.JsonObject;

/** Broadcasts a message on IOPub as a reply to one request, whose header the publisher holds. */
@FunctionalInterface
interface Publisher {

    /** Publishes nothing: where output goes before the first cell. */
    Publisher NOWHERE = (msgType, content) -> { };

    void publish(String msgType, JsonObject content);
}
