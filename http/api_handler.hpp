#pragma once

#include "model/message.hpp"

#include <functional>

namespace http {

/// Answers one API request (paths under the six API prefixes). Called
/// concurrently from the server's worker threads. The session layer
/// (actors/gateway) provides it; tests may provide their own.
using api_handler = std::function<model::response(model::request)>;

} // namespace http
