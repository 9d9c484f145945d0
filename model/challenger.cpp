#include "model/challenger.hpp"

namespace model {

challenger make_challenger(std::string guid, std::string auth_token) {
  challenger result;
  result.guid = std::move(guid);
  result.auth_token = std::move(auth_token);
  result.todos = todo_store::seeded();
  result.state = challenger_state::fresh;
  result.known = true;
  return result;
}

} // namespace model
