/**
 * A small strict JSON (RFC 8259) value model, parser and compact writer, JDK only.
 *
 * <p>The parser rejects what lenient parsers accept silently: duplicate object keys, trailing content,
 * unpaired UTF-16 surrogates in escapes, raw control characters in strings, and nesting deeper than a limit.
 */
package dev.elman.io.json;
