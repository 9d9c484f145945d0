#pragma once

#include "model/accept_q.hpp"
#include "model/todo.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// `GET /todos/export?format=...` and the ten representations of the 2026
/// edition (BEHAVIOUR §11.6). The same renderers answer any todo read whose
/// Accept negotiates one of them (§11.2).
namespace model::export_formats {

/// An export format, in the original's order.
enum class format : uint8_t {
  json,
  xml,
  text_xml,
  csv,
  text,
  html,
  ndjson,
  jsonl,
  json_seq,
  tsv,
};

/// The format a `format` query value names (trimmed, any case): `json`,
/// `xml`, `text-xml`/`txml`, `csv`, `text`/`txt`/`plain`, `html`,
/// `ndjson`, `jsonl`, `json-seq`/`jsonseq`, `tsv`/`tab`/`tabs`/
/// `tab-delimited`/`tab-separated`.
std::optional<format> from_short_name(std::string_view raw);

/// `json, xml, text-xml, csv, text, html, ndjson, jsonl, json-seq, tsv`
std::string supported_short_names();

/// The 400 message for a missing or unknown format.
std::string unsupported_message();

/// The representation a format is rendered as.
accept_q::response_type representation(format x);

/// `todos.<ext>` (`xml` for both XML formats, `txt` for text).
std::string filename(format x);

/// `attachment; filename="todos.<ext>"`
std::string content_disposition(format x);

/// The `Allow` header of `OPTIONS /todos/export` (answered 204).
inline constexpr std::string_view allow = "GET, OPTIONS";

/// A list of todos in a representation. JSON and XML are the API's usual
/// `{"todos":[...]}` and `<todos>...</todos>`; CSV and TSV a header line
/// `id,title,doneStatus,description` and one line per todo (CSV quotes a
/// value holding `"`, `,`, CR or LF; TSV escapes `\`, tab, CR, LF as
/// `\\ \t \r \n`), lines joined by LF; text `id=1, title=..., ...` lines;
/// HTML one `<table>`; NDJSON and JSON Lines one JSON todo per line, each
/// ending in LF; JSON text sequences each record as RS, JSON, LF.
std::string render(accept_q::response_type as,
                   const std::vector<const todo*>& todos);

/// Error messages in a representation (`{"errorMessages":[...]}`, CSV
/// `errorMessage` then one line each, HTML `<ul><li>`, NDJSON
/// `{"errorMessage":"..."}` lines, ...).
std::string render_errors(accept_q::response_type as,
                          const std::vector<std::string>& messages);

} // namespace model::export_formats
