#pragma once

#include "model/challenge.hpp"
#include "model/config.hpp"

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

/// An edition of the challenges as data (BEHAVIOUR §10): its catalogue, the
/// path prefix of its API, the statuses it answers where the editions
/// differ, and the names it gives its challenges. The server picks one at
/// start-up (`--edition`); the code reads these values instead of asking
/// which edition runs.
namespace model {

/// The statuses that differ between the editions.
struct edition_statuses {
  /// A todo field failed validation (classic 400, 2026 422).
  int validation;
  /// A create over the 20-todo limit (classic 400, 2026 409).
  int max_todos;
  /// A todo was deleted (classic 200, 2026 204).
  int deleted;
  /// `PUT /challenger/{guid}` whose payload names another GUID (classic
  /// 400, 2026 409).
  int guid_mismatch;
};

/// One edition.
struct edition_def {
  edition_id id;
  /// The `--edition` value: `classic` or `2026`.
  std::string_view name;
  /// The canonical prefix of the API paths: empty (classic) or `/api`.
  /// The 2026 edition also answers the root paths (its legacy routes).
  std::string_view api_prefix;
  /// Where the API documentation lives: `/docs` or `/api/docs`.
  std::string_view docs_path;
  edition_statuses status;
  /// The longest `X-CHALLENGER` value accepted; longer ones are refused
  /// with 431 before routing. 0: no limit.
  std::size_t max_challenger_header;
  /// Sections in display order.
  const std::vector<section_info>* sections;
  /// Every challenge of the edition, in catalogue order; `section` indexes
  /// `sections`, `key_name` is the name the edition shows.
  const std::vector<challenge_info>* catalogue;

  /// The catalogue entry of `x`, or `nullptr` when the edition lacks it.
  const challenge_info* find(challenge x) const;

  /// Looks a challenge up by the name this edition shows, or by any name
  /// `challenge_from_key` knows.
  std::optional<challenge> from_key(std::string_view key_name) const;
};

/// The data of edition `x`.
const edition_def& edition_of(edition_id x);

/// Parses an `--edition` value (`classic` or `2026`).
std::optional<edition_id> parse_edition(std::string_view x);

/// Every edition, classic first.
inline constexpr edition_id all_editions[] = {edition_id::classic,
                                              edition_id::y2026};

/// The path the API routes and hooks see for `path`: without the edition's
/// prefix when `path` is the prefix followed by an API path (`/api/todos` ->
/// `/todos`), else `path` itself.
std::string_view api_path(const edition_def& ed, std::string_view path);

/// Whether `path` belongs to the API of edition `ed`: an API path
/// (`is_api_path`), with or without the edition's prefix.
bool is_edition_api_path(const edition_def& ed, std::string_view path);

/// The catalogues the editions are made of.
namespace catalogue {

/// The classic catalogue, in order (challenge.cpp); its sections are
/// `sections()`.
const std::vector<challenge_info>& classic();

/// The 2026 sections (26) and catalogue (99), in order
/// (catalogue_2026.cpp).
const std::vector<section_info>& sections_2026();
const std::vector<challenge_info>& y2026();

} // namespace catalogue

} // namespace model
