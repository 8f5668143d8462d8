package io.actorpreload.schemas.manifest;

/** A manifest broke a rule of {@link ManifestValidation}; the message names the field and the value. */
public final class InvalidManifestException extends IllegalArgumentException {
    public InvalidManifestException(String message) {
        super(message);
    }
}
