/**
 * For provider authors: {@link broadcast.api.spi.CodecProvider} and {@link broadcast.api.spi.Codec},
 * {@link broadcast.api.spi.StoreProvider} and {@link broadcast.api.spi.MessageStore}, the frame
 * model a codec encodes ({@link broadcast.api.spi.Frame}), helpers for codecs
 * ({@link broadcast.api.spi.Payloads}, {@link broadcast.api.spi.AsciiStrings}), and
 * {@link broadcast.api.spi.Providers}, the only place providers are looked up.
 */
package broadcast.api.spi;
