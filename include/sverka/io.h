/* SPDX-License-Identifier: MIT */
/*
 * Record I/O: a streaming reader that cuts an input into records (lines,
 * blank-line paragraphs, JSON Lines objects or one whole document) and
 * delivers them as valid UTF-8, plus small writers for JSON strings, JSON
 * Lines (splicing a new value into the original object) and TSV.
 */
#ifndef SV_IO_H
#define SV_IO_H

#include <stdio.h>

#include "sverka/common.h"
#include "sverka/errors.h"
#include "sverka/buf.h"

/** @file sverka/io.h
 *  @brief sv_reader (records from text, JSON Lines or documents) and the
 *  JSON / JSON Lines / TSV writers.
 *
 *  Policies shared by every reader mode:
 *  - Input is read with fread() in 64 KiB chunks; nothing but the current
 *    record (at most sv_reader_options::max_record bytes) is held.
 *  - Records are cut only at line feeds, so a UTF-8 sequence is never split.
 *  - Invalid UTF-8 becomes U+FFFD, one per maximal invalid subpart (Unicode
 *    15 ch. 3), counted in sv_record::invalid_utf8; with
 *    sv_reader_options::strict_utf8 it is an SV_EILSEQ error instead.
 *  - A UTF-8 byte order mark at the start is kept in the first record (the
 *    normalizer removes it and records the edit); a UTF-16 or UTF-32 one
 *    is consumed by the conversion to UTF-8.
 *  - NUL bytes are kept as they are (text carries an explicit length) and
 *    counted in sv_record::nul_count; the normalizer decides what to do.
 *  - Line numbers are 1-based, columns are 1-based and count code points.
 */

SV_BEGIN_DECL

/** Opaque streaming reader.  One thread uses it at a time. */
typedef struct sv_reader sv_reader;

/** How the reader cuts its input into records. */
typedef enum sv_record_mode {
    /** One record per line.  The text excludes the line feed and keeps a
     *  carriage return before it, so text + "\n" (when has_newline)
     *  reproduces the input byte for byte. */
    SV_RECORD_LINE = 0,
    /** One record per paragraph: runs of lines separated by one or more
     *  blank lines (lines holding only space, tab, CR, FF or VT).  The text
     *  runs from the first byte of the first line to the end of the last
     *  line, without its line feed; inner line feeds are kept. */
    SV_RECORD_PARAGRAPH = 1,
    /** JSON Lines: each non-blank line is a JSON object whose string member
     *  sv_reader_options::field is the record text.  Blank lines are skipped
     *  and counted (sv_reader_blank_lines()); a UTF-8 BOM starting the
     *  input is ignored (RFC 8259 section 8.1).  Duplicate keys other than
     *  the field are allowed and kept; the field itself must appear once. */
    SV_RECORD_JSONL = 2,
    /** The whole input as one record (always exactly one, possibly empty),
     *  bounded by sv_reader_options::max_record. */
    SV_RECORD_DOCUMENT = 3
} sv_record_mode;

/** Options for sv_reader_new(). */
typedef struct sv_reader_options {
    unsigned int version;  /**< SV_READER_OPTIONS_VERSION */
    sv_record_mode mode;   /**< how to cut records; default SV_RECORD_LINE */
    const char *field;     /**< JSONL member holding the text; NULL: "text" */
    /** Input encoding.  NULL or "utf-8" (any spelling ICU accepts): UTF-8
     *  as described above.  "auto": detect from the first 64 KiB (a BOM,
     *  then valid UTF-8, then the Russian code pages windows-1251, KOI8-R,
     *  IBM866 and ISO-8859-5 scored by letter statistics, then ICU charset
     *  detection for everything else).  Any other ICU converter name
     *  ("windows-1251", "koi8-r", "utf-16", "ibm866", ...) forces it.
     *  Converted input is delivered as UTF-8; unmappable bytes become
     *  U+FFFD (counted) or an SV_EILSEQ error under strict_utf8. */
    const char *encoding;
    size_t max_record;     /**< largest record in bytes; 0: 64 MiB.  A
                                longer one fails with SV_ETOOBIG */
    int strict_utf8;       /**< non-zero: invalid input is SV_EILSEQ
                                instead of U+FFFD */
    int missing_ok;        /**< JSONL: non-zero lets a line whose object
                                lacks the field (or holds null) through as a
                                record with field_missing set and empty
                                text, instead of an SV_EFORMAT error */
    int keep_invalid;      /**< LINE, PARAGRAPH and DOCUMENT modes without
                                strict_utf8: non-zero delivers invalid
                                UTF-8 as it is (still counted in
                                sv_record::invalid_utf8 and first_invalid)
                                for a consumer that replaces it and records
                                the change itself, as the normalizer's
                                decode step does; JSONL text is always
                                made valid */
    int unchecked_utf8;    /**< with keep_invalid: non-zero skips the
                                reader's own UTF-8 check (invalid_utf8 and
                                first_invalid then count only what an
                                encoding conversion replaced), for a
                                consumer that validates every record
                                anyway and counts what it replaces; the
                                text may then hold invalid UTF-8 */
} sv_reader_options;

/** Current version of sv_reader_options. */
#define SV_READER_OPTIONS_VERSION 1
/** Default size cap of one record: 64 MiB. */
#define SV_READER_DEFAULT_MAX_RECORD ((size_t)64 << 20)
/** Static initialiser with the defaults. */
#define SV_READER_OPTIONS_INIT \
    {SV_READER_OPTIONS_VERSION, SV_RECORD_LINE, NULL, NULL, 0, 0, 0, 0, 0}

/** Initialise reader options to their defaults.
 *
 *  @param[out] opts the struct to fill
 *  @param version SV_READER_OPTIONS_VERSION
 *  @return SV_OK, or SV_EINVAL for a NULL @p opts or unknown version.
 *  Ownership: the caller owns @p opts. */
SV_API int sv_reader_options_init(sv_reader_options *opts,
                                  unsigned int version);

/** One record delivered by sv_reader_next().
 *
 *  All pointers are borrowed from the reader and stay valid until the next
 *  call to sv_reader_next(), sv_reader_open*() or sv_reader_free(). */
typedef struct sv_record {
    const char *text;     /**< the record, valid UTF-8 (unless
                               keep_invalid), NUL-terminated (it may also
                               hold NUL bytes: use text_len) */
    size_t text_len;      /**< bytes in text */
    size_t index;         /**< 0-based number of the record in this input */
    size_t line;          /**< 1-based line where the record starts */
    size_t line_count;    /**< input lines the record covers (>= 1) */
    size_t offset;        /**< byte offset of the record's first byte in the
                               input (in the UTF-8 stream when converted) */
    size_t invalid_utf8;  /**< U+FFFD substitutions made in this record */
    size_t first_invalid; /**< input byte offset of the first one (as for
                               @c offset), or SIZE_MAX when none */
    size_t nul_count;     /**< NUL bytes in text (for JSONL: from \\u0000
                               escapes; a raw NUL makes a line malformed) */
    int has_newline;      /**< LINE/PARAGRAPH/JSONL: the (last) line ended
                               with a line feed; 0 for a final line without
                               one and in DOCUMENT mode */
    const char *raw;      /**< JSONL: the whole line as valid UTF-8 JSON
                               (without its line feed), for
                               sv_jsonl_rewrite(); other modes: == text */
    size_t raw_len;       /**< bytes in raw */
    int field_missing;    /**< JSONL with missing_ok: the field was absent
                               or null (text is then empty) */
    const char *gap;      /**< PARAGRAPH and JSONL: the blank lines (and,
                               for JSONL, a leading BOM) skipped just before
                               this record, byte for byte; "" otherwise.
                               Writing gap, text, "\n" when has_newline,
                               and finally sv_reader_tail(), rebuilds the
                               input exactly */
    size_t gap_len;       /**< bytes in gap */
} sv_record;

/** Create a reader.
 *
 *  Checks the options: an unknown encoding name fails here with SV_EINVAL
 *  and a message naming it.
 *
 *  @param[out] out the new reader, or NULL on failure
 *  @param opts options; NULL for the defaults
 *  @param[out] err failure details; may be NULL
 *  @return SV_OK, SV_EINVAL or SV_ENOMEM.
 *  Ownership: @p *out belongs to the caller; free with sv_reader_free().
 *  The strings in @p opts are copied. */
SV_API int sv_reader_new(sv_reader **out, const sv_reader_options *opts,
                         sv_error *err);

/** Start reading a stream.  Resets line, record and byte counters.
 *
 *  @param r the reader
 *  @param fp an open stream, read with fread(); never closed by the reader
 *  @param name the name used in messages; NULL or "-" gives "<stdin>"
 *  @return SV_OK, SV_EINVAL or SV_ENOMEM (details in sv_reader_errmsg()).
 *  Ownership: @p fp stays the caller's and must stay open until the last
 *  sv_reader_next(); @p name is copied. */
SV_API int sv_reader_open(sv_reader *r, FILE *fp, const char *name);

/** Start reading bytes in memory, exactly as sv_reader_open() would read
 *  a file holding them.
 *
 *  @param r the reader
 *  @param data the bytes (may be NULL when @p len is 0)
 *  @param len number of bytes
 *  @param name the name used in messages; NULL gives "<memory>"
 *  @return SV_OK, SV_EINVAL or SV_ENOMEM.
 *  Ownership: @p data is borrowed (not copied) and must outlive the
 *  reading; @p name is copied. */
SV_API int sv_reader_open_memory(sv_reader *r, const char *data, size_t len,
                                 const char *name);

/** Read the next record.
 *
 *  Recoverable errors leave the reader usable, and the next call carries
 *  on with the next record (this is how a caller implements
 *  "--on-error skip"): SV_EFORMAT (a malformed JSONL line), SV_EILSEQ in
 *  UTF-8 input under strict_utf8 (the offending record is skipped), and
 *  SV_ETOOBIG in LINE and JSONL modes (the rest of the long line is
 *  discarded).  Every other error is final (a read error, no memory, an
 *  undetectable or unconvertible encoding, an oversized paragraph or
 *  document): the input ends there, later calls return 0, and
 *  sv_reader_failed() tells the code.  So the loop
 *  @code
 *  while ((rc = sv_reader_next(r, &rec)) != 0) {
 *      if (rc < 0) { report(sv_reader_errmsg(r)); if (!skip) break; continue; }
 *      ...
 *  }
 *  if (sv_reader_failed(r) < 0) ... the input was not read to its end
 *  @endcode
 *  always terminates.
 *
 *  @param r the reader, after sv_reader_open*()
 *  @param[out] rec the record
 *  @return 1 for a record, 0 at the end of the input, or a negative code:
 *  SV_EILSEQ, SV_EFORMAT, SV_ETOOBIG, SV_EIO, SV_ENOMEM, SV_EINVAL.
 *  Ownership: the record's memory belongs to the reader and stays valid
 *  until the next call.
 *  Input: see the file comment (U+FFFD replacement or strict error). */
SV_API int sv_reader_next(sv_reader *r, sv_record *rec);

/** Whether the current input stopped on a final error.
 *
 *  @param r the reader
 *  @return the final error's code (negative), or 0 while the input is
 *  being read normally or was read to its end.  Reset by
 *  sv_reader_open*(). */
SV_API int sv_reader_failed(const sv_reader *r);

/** The last error as one line "NAME:LINE:COL: message" (LINE and COL are
 *  left out when unknown), e.g. "in.jsonl:3:1: not a JSON object".
 *
 *  @param r the reader
 *  @return text borrowed from the reader, valid until its next call; ""
 *  when there was no error.  Ownership: borrowed. */
SV_API const char *sv_reader_errmsg(const sv_reader *r);

/** The last error in pieces: code, message without the location, line,
 *  column (code points, 1-based) and byte offset in the input.
 *
 *  @param r the reader
 *  @return borrowed from the reader, valid until its next call.
 *  Ownership: borrowed. */
SV_API const sv_error *sv_reader_error(const sv_reader *r);

/** The name given to sv_reader_open*() ("<stdin>" for "-").
 *  @param r the reader
 *  @return borrowed text, "" before the first open. */
SV_API const char *sv_reader_name(const sv_reader *r);

/** Raw input bytes read so far from the current input, for progress.
 *  @param r the reader
 *  @return a byte count. */
SV_API size_t sv_reader_bytes_read(const sv_reader *r);

/** The encoding in use: "UTF-8", the forced name, or with "auto" what was
 *  detected (known after the first sv_reader_next()).
 *  @param r the reader
 *  @return borrowed text, valid until the next sv_reader_open*(). */
SV_API const char *sv_reader_encoding(const sv_reader *r);

/** The blank lines after the last record (PARAGRAPH and JSONL modes),
 *  once sv_reader_next() has returned 0; see sv_record::gap.
 *
 *  @param r the reader
 *  @param[out] len their length in bytes; may be NULL
 *  @return borrowed bytes ("" when none), valid until the next
 *  sv_reader_open*() or sv_reader_free(). */
SV_API const char *sv_reader_tail(const sv_reader *r, size_t *len);

/** JSONL mode: blank lines skipped so far in the current input.
 *  @param r the reader
 *  @return a count. */
SV_API size_t sv_reader_blank_lines(const sv_reader *r);

/** Free a reader.  NULL is a no-op.
 *  @param r the reader.  Ownership: consumes @p r, not its stream. */
SV_API void sv_reader_free(sv_reader *r);

/** Append @p s as a JSON string literal (with the quotes).
 *
 *  Characters are written as UTF-8, not \\u escapes; only what JSON
 *  requires is escaped (quote, backslash, controls below U+0020) plus
 *  U+2028 and U+2029 as \\u2028 / \\u2029 so the output is also safe
 *  JavaScript.  NUL bytes become \\u0000.
 *
 *  @param out the buffer to append to
 *  @param s the text (may be NULL when @p len is 0)
 *  @param len bytes in @p s
 *  @return SV_OK, SV_ENOMEM or SV_EINVAL.
 *  Ownership: @p out stays the caller's.
 *  Input: invalid UTF-8 is written as U+FFFD. */
SV_API int sv_json_append_string(sv_buf *out, const char *s, size_t len);

/** Check one JSON Lines line and extract its string member @p field,
 *  exactly as the SV_RECORD_JSONL reader does.  With it a caller can read
 *  lines with SV_RECORD_LINE and leave the JSON work to worker threads.
 *
 *  @param[out] text receives the decoded value (cleared first; may hold
 *         NUL bytes from \u0000)
 *  @param line one line without its line feed (a trailing CR is fine)
 *  @param len bytes in @p line
 *  @param field the member name; NULL: "text"
 *  @param missing_ok non-zero: an absent or null member is not an error
 *  @param[out] missing set to 1 when the member was absent or null (only
 *         with @p missing_ok), else 0; may be NULL
 *  @param[out] err on failure the message ("not a JSON object (array)",
 *         "field \"text\" is missing", "invalid JSON: ..."), and column
 *         and byte offset within @p line; line is 0.  May be NULL.
 *  @return SV_OK, SV_EFORMAT, SV_EILSEQ (invalid UTF-8 in @p line),
 *  SV_ENOMEM or SV_EINVAL.
 *  Ownership: @p text stays the caller's; nothing is kept.
 *  Input: @p line must be valid UTF-8 (a UTF-8 BOM is not skipped here). */
SV_API int sv_jsonl_field(sv_buf *text, const char *line, size_t len,
                          const char *field, int missing_ok, int *missing,
                          sv_error *err);

/** Rewrite one JSON Lines object: replace the value of member @p field by
 *  the string @p text and add @p extra_members, keeping every other byte of
 *  @p raw as it was (numbers such as 1.10 or 123456789012345678901234567890,
 *  escapes, key order, spacing).  The object is not re-serialized.
 *
 *  When @p field is absent it is appended as the last member.  Each member
 *  of @p extra_members whose key already exists at the top level replaces
 *  that member's value in place; the others are appended, in order, before
 *  the closing brace.  Keys are compared after decoding escapes.  No line
 *  feed is appended.
 *
 *  @param out the buffer to append the object to
 *  @param raw a JSON object, as in sv_record::raw
 *  @param raw_len bytes in @p raw
 *  @param field member name to set; NULL: leave the members as they are
 *  @param text the new value, UTF-8
 *  @param text_len bytes in @p text
 *  @param extra_members NULL, or already-serialized members separated by
 *         commas, e.g. "\"score\":0.5,\"flags\":[\"x\"]" (checked with
 *         jansson; must not repeat a key)
 *  @param extra_len bytes in @p extra_members
 *  @param[out] err failure details; may be NULL
 *  @return SV_OK, SV_EFORMAT (raw is not an object, extra_members is not a
 *  member list), SV_ENOMEM or SV_EINVAL.  On failure @p out is left as it
 *  was.
 *  Ownership: @p out stays the caller's; inputs are not kept.
 *  Input: @p raw must be valid UTF-8 JSON; invalid UTF-8 in @p text is
 *  written as U+FFFD. */
SV_API int sv_jsonl_rewrite(sv_buf *out, const char *raw, size_t raw_len,
                            const char *field, const char *text,
                            size_t text_len, const char *extra_members,
                            size_t extra_len, sv_error *err);

/** Append one TSV field, escaping backslash, tab, line feed and carriage
 *  return as \\\\, \\t, \\n and \\r.  No separator is added.
 *
 *  @param out the buffer
 *  @param s the field (may be NULL when @p len is 0)
 *  @param len bytes in @p s
 *  @return SV_OK, SV_ENOMEM or SV_EINVAL.
 *  Ownership: @p out stays the caller's.
 *  Input: bytes are copied as they are (no UTF-8 check). */
SV_API int sv_tsv_append_field(sv_buf *out, const char *s, size_t len);

/** Append one TSV row: the fields escaped, separated by tabs, ended by a
 *  line feed.
 *
 *  @param out the buffer
 *  @param fields @p n field pointers
 *  @param lens @p n byte lengths
 *  @param n number of fields (0 writes an empty line)
 *  @return SV_OK, SV_ENOMEM or SV_EINVAL.
 *  Ownership: @p out stays the caller's. */
SV_API int sv_tsv_append_row(sv_buf *out, const char *const *fields,
                             const size_t *lens, size_t n);

/** Opaque parsed TSV row, reused from line to line. */
typedef struct sv_tsv_row sv_tsv_row;

/** Create an empty TSV row.
 *
 *  @param[out] out the new row, or NULL on failure
 *  @param[out] err failure details; may be NULL
 *  @return SV_OK or SV_ENOMEM.
 *  Ownership: @p *out belongs to the caller; free with sv_tsv_row_free(). */
SV_API int sv_tsv_row_new(sv_tsv_row **out, sv_error *err);

/** Split one line (without its line feed, e.g. an SV_RECORD_LINE record)
 *  into fields at tabs and undo the escapes \\\\ \\t \\n \\r.
 *
 *  A carriage return ending the line (CRLF files) is dropped.  A backslash
 *  before any other character, or at the end, is kept as it is.
 *
 *  @param row the row to fill (its previous fields are dropped)
 *  @param line the line
 *  @param len bytes in @p line
 *  @return SV_OK, SV_ENOMEM or SV_EINVAL.
 *  Ownership: @p line is not kept; fields are owned by @p row.
 *  Input: bytes are copied as they are (no UTF-8 check). */
SV_API int sv_tsv_row_parse(sv_tsv_row *row, const char *line, size_t len);

/** Number of fields in the row (an empty line has one empty field).
 *  @param row the row
 *  @return a count; 0 before the first parse. */
SV_API size_t sv_tsv_row_count(const sv_tsv_row *row);

/** One field of the row.
 *
 *  @param row the row
 *  @param i 0-based field number
 *  @param[out] len its length in bytes; may be NULL
 *  @return the NUL-terminated field, or NULL when @p i is out of range.
 *  Ownership: borrowed from @p row until its next parse or free. */
SV_API const char *sv_tsv_row_field(const sv_tsv_row *row, size_t i,
                                    size_t *len);

/** Free a row.  NULL is a no-op.
 *  @param row the row.  Ownership: consumes @p row. */
SV_API void sv_tsv_row_free(sv_tsv_row *row);

/** Extract the readable text of an HTML page as paragraphs.
 *
 *  Parses with libxml2's HTML parser (recovering from any markup, no
 *  network access, no messages), keeps the text of block elements as
 *  paragraphs separated by one blank line and collapses white space as a
 *  browser does (not inside pre).  Leaves out script, style, noscript,
 *  template, nav, footer, aside, forms, iframes, svg and the head.
 *  Character references are decoded by the parser.
 *
 *  @param out the buffer the text is appended to
 *  @param html the page, UTF-8 (its meta charset is ignored: decode first,
 *         e.g. with the reader's --encoding)
 *  @param len bytes in @p html
 *  @param[out] err failure details; may be NULL
 *  @return SV_OK, SV_EINVAL, SV_ETOOBIG (over 2 GiB, or elements nested
 *  more than 255 deep, where the parser would stop) or SV_ENOMEM.
 *  Ownership: @p out stays the caller's; @p html is not kept.
 *  Input: each invalid UTF-8 subpart becomes U+FFFD. */
SV_API int sv_html_to_text(sv_buf *out, const char *html, size_t len,
                           sv_error *err);

SV_END_DECL

#endif /* SV_IO_H */
