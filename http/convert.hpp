#pragma once

#include "model/message.hpp"

#include <string>
#include <string_view>

namespace httplib {
struct Request;
struct Response;
} // namespace httplib

/// Conversions between httplib's types and the model's.
namespace http {

/// Before httplib reads the body, for each Content-Type header's `value`:
/// hides a form or multipart type from httplib, which would otherwise parse
/// such a body instead of keeping it (multipart into parts with the body
/// lost, or a 400 for a malformed one; a form body into parameters,
/// refusing one over 8 KB with an empty 413). The API reads every body as
/// sent, as the original did, and its answer to these types is a 415.
/// `to_model` restores the header.
void hide_form_content_type(std::string& value);

/// Copies a wire request into a model request (path decoded, query raw).
model::request to_model(const httplib::Request& in);

/// A response header's name as the original sent it (BEHAVIOUR §3.5): its
/// after-filter set every header again under its lower-cased name, and
/// Jetty 9.4 wrote the names it knows (`Content-Type`, `Location`, `Allow`,
/// `WWW-Authenticate`, ...) in their canonical form and the others as set:
/// `x-challenger`, `access-control-allow-origin`, `x-auth-token`.
std::string wire_header_name(std::string_view name);

/// The canonical form of a header name Jetty 9.4 knows (static storage),
/// or an empty view for the others.
std::string_view jetty_header_name(std::string_view name);

/// Writes a model response to the wire response, moving its strings there,
/// header names as `wire_header_name` gives them. A header whose name or
/// value holds CR or LF is dropped (as httplib's `set_header` does).
void to_wire(model::response in, httplib::Response& out);

} // namespace http
