#pragma once

#include <cstdint>
#include <string>
#include <string_view>

/// Accept and Content-Type handling (BEHAVIOUR §3.1, §3.2).
namespace model::negotiation {

/// A response representation.
enum class format : uint8_t { json, xml };

/// What an Accept header asks for.
struct accept_result {
  /// False when the header lists no recognised media range (answer 406).
  bool acceptable = true;
  /// The representation to answer with: XML iff the first recognised
  /// non-wildcard item is XML.
  format preferred = format::json;
};

/// Classifies an Accept header value; `nullptr` means absent.
accept_result parse_accept(const std::string* accept);

/// The media type string of a format (no charset).
std::string_view media_type(format x);

/// The kind of a request body by its Content-Type.
enum class body_type : uint8_t {
  /// No Content-Type header (or an empty one).
  missing,
  json,
  xml,
  /// Present, but neither JSON nor XML.
  unsupported,
};

/// Classifies a Content-Type header value; `nullptr` means absent.
body_type classify_content_type(const std::string* content_type);

/// The Content-Type the original's "simple status" routes send (BEHAVIOUR
/// §2.1): the first Accept media range verbatim (lower-cased), or
/// `application/json` when Accept is missing, empty or has a wildcard.
std::string simple_status_type(const std::string* accept);

} // namespace model::negotiation
