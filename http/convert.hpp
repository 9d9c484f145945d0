#pragma once

#include "model/message.hpp"

namespace httplib {
struct Request;
struct Response;
} // namespace httplib

/// Conversions between httplib's types and the model's.
namespace http {

/// Copies a wire request into a model request (path decoded, query raw).
model::request to_model(const httplib::Request& in);

/// Writes a model response to the wire response.
void to_wire(const model::response& in, httplib::Response& out);

} // namespace http
