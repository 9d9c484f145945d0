// The 2026 edition's catalogue (BEHAVIOUR §10): eviltester/apichallenges as
// hosted since mid-2026, 99 challenges in 26 sections. Names and
// descriptions byte for byte as the original shows them; the renamed
// challenges keep their classic enum value, so stored progress carries
// over. The original's hints are not reproduced.

#include "model/edition.hpp"

namespace model::catalogue {

namespace {

const std::vector<section_info>& section_table() {
  static const std::vector<section_info> table = {
    {"Getting Started",
     "If you want to track your challenge progress, in multi-user "
     "mode then you need to solve the challenges in this section "
     "to generate a unique ID that we can associate your progress "
     "with."},
    {"First Real Challenge",
     "For your first challenge, get the list of challenges. You'll "
     "be able to use this to see your progress in your API Client, "
     "as well as using the GUI."},
    {"GET Challenges",
     "To retrieve, or read information from an API we issue GET "
     "requests. This section has a bunch of GET request challenges "
     "to try out."},
    {"GET Filter Challenges",
     "To retrieve, or read information from an API we issue GET "
     "requests and we can control the results using query "
     "parameters. This section has a bunch of GET request "
     "challenges to try out filtering."},
    {"GET Sorted Challenges",
     "To retrieve, or read information from an API we issue GET "
     "requests and we can sort the results using query parameters. "
     "This section has a bunch of GET request challenges to try "
     "out sorting."},
    {"GET Pagination Challenges",
     "Pagination lets us retrieve a collection in smaller pages "
     "using limit and offset query parameters. These challenges "
     "use GET requests to practise paging by itself, and with "
     "filtering and sorting."},
    {"HEAD Challenges",
     "A HEAD request, is like a GET request, but only returns the "
     "headers and status code."},
    {"Creation Challenges with POST",
     "A POST request can be used to create and update data, these "
     "challenges are to 'create' data."},
    {"Creation Challenges with PUT",
     "A PUT request can often used to create and update data. The "
     "todo application we are using has automatically generated "
     "ids, so you cannot use PUT to create."},
    {"Update Challenges with POST",
     "Use a POST request to amend something that already exists. "
     "These are 'partial' content updates so you usually don't "
     "need to have all details of the entity in the request, e.g. "
     "you could just update a title, or a description, or a status"},
    {"Update Challenges with PUT",
     "A PUT request can be used to amend data. REST Put requests "
     "are idempotent, they provide the same result each time."},
    {"DELETE Challenges",
     "Use a DELETE request to delete an entity. Since this is an "
     "extreme request, normally you have to be logged in or "
     "authenticated, but we wanted to make life easier for you so "
     "we cover authentication later. Anyone can delete To Do items "
     "without authentication in this system."},
    {"QUERY Challenges",
     "A QUERY request is a safe read request which allows query "
     "content in the request body."},
    {"PATCH Challenges",
     "A PATCH request can be used to amend part of an existing "
     "entity. These challenges cover partial JSON updates, JSON "
     "Merge Patch, and JSON Patch."},
    {"OPTIONS Challenges",
     "Use an OPTIONS verb and check the `Allow` header, this will "
     "show you what verbs are allowed to be used on an endpoint. "
     "When you test APIs it is worth checking to see if all the "
     "verbs listed are allowed or not."},
    {"Accept Challenges",
     "The `Accept` header, tells the server what format you want "
     "the response to be in. By changing the `Accept` header you "
     "can specify JSON or XML."},
    {"Advanced Accept Challenges",
     "The `Accept` header can use quality values and structured "
     "media types to negotiate more precise response formats."},
    {"Content-Type Challenges",
     "The `Content-Type` header, tells the server what format type "
     "your 'body' content is, e.g. are you sending XML or JSON."},
    {"Content-Disposition Challenges",
     "The `Content-Disposition` header can tell a client to treat "
     "a response as a file download, and can suggest the filename "
     "to use."},
    {"Fancy a Break? Restore your session",
     "Your challenge progress can be saved, and as long as you "
     "remember you challenger ID you can restore it. Leaving a "
     "challenger idle in the system for more than 10 minutes will "
     "remove the challenger from memory. Challenger status and the "
     "todos database can be saved to, and restored from, the "
     "browser localStorage."},
    {"Mix Accept and Content-Type Challenges",
     "We can mix the `Accept` and `Content-Type` headers so that "
     "we can send JSON but receive XML. These challenges encourage "
     "you to explore some combinations."},
    {"Status Code Challenges",
     "Status-codes are essential to understand, so we created some "
     "challenges that help you trigger more status codes. Remember "
     "to review httpstatuses.com to learn what the status codes "
     "mean."},
    {"HTTP Method Override Challenges",
     "Some HTTP Clients can not send all verbs e.g. PATCH, DELETE, "
     "PUT. Use an X-HTTP-Method-Override header to simulate these "
     "with a POST request"},
    {"Authentication Challenges",
     "Authentication is telling the system who you are. In "
     "multi-user mode you are already doing that with the "
     "X-CHALLENGER header, but we have added an extra level of "
     "security on the /secret section. So first Authenticate with "
     "Basic Authentication to find out the token to use for "
     "authorisation for later challenges."},
    {"Authorization Challenges",
     "Once the system knows who you are, authorization is if you "
     "have the correct level of access. In these challenges the "
     "authorization is granted using a custom API header "
     "X-AUTH-TOKEN or using a Bearer Authorization header."},
    {"Miscellaneous Challenges",
     "We left these challenges to the end because they seemed fun, "
     "but... different."},
  };
  return table;
}

const std::vector<challenge_info>& challenge_table() {
  static const std::vector<challenge_info> table = {
    // Getting Started
    {challenge::CREATE_NEW_CHALLENGER,
     "CREATE_NEW_CHALLENGER",
     "POST /api/challenger (201)",
     "Issue a POST request on the `/api/challenger` end point, "
     "with no body, to create a new challenger session. Use the "
     "generated X-CHALLENGER header in future requests to track "
     "challenge completion.",
     0,
     {}},
    // First Real Challenge
    {challenge::GET_CHALLENGES,
     "GET_CHALLENGES",
     "GET /api/challenges (200)",
     "Issue a GET request on the `/api/challenges` end point",
     1,
     {}},
    // GET Challenges
    {challenge::GET_TODOS,
     "GET_TODOS",
     "GET /api/todos (200)",
     "Issue a GET request on the `/api/todos` end point",
     2,
     {}},
    {challenge::GET_TODOS_NOT_PLURAL_404,
     "GET_TODOS_NOT_PLURAL_404",
     "GET /api/todo (404) not plural",
     "Issue a GET request on the `/api/todo` end point should 404 "
     "because nouns should be plural",
     2,
     {}},
    {challenge::GET_TODO,
     "GET_TODO",
     "GET /api/todos/{id} (200)",
     "Issue a GET request on the `/api/todos/{id}` end point to "
     "return a specific todo",
     2,
     {}},
    {challenge::GET_TODO_404,
     "GET_TODO_404",
     "GET /api/todos/{id} (404)",
     "Issue a GET request on the `/api/todos/{id}` end point for a "
     "todo that does not exist",
     2,
     {}},
    // GET Filter Challenges
    {challenge::GET_TODOS_FILTERED,
     "GET_TODOS_FILTERED",
     "GET /api/todos (200) ?filter",
     "Issue a GET request on the `/api/todos` end point with a "
     "query filter to get only todos which are 'done', requesting "
     "the response in JSON format. There must exist both 'done' "
     "and 'not done' todos, to pass this challenge.",
     3,
     {}},
    {challenge::GET_TODOS_FILTERED_ID_GREATER_THAN,
     "GET_TODOS_FILTERED_ID_GREATER_THAN",
     "GET /api/todos (200) ?filter id greater than",
     "Issue a GET request on the `/api/todos` end point with an id "
     "filter to return todos with an id greater than a supplied "
     "value, requesting the response in JSON format.",
     3,
     {}},
    {challenge::GET_TODOS_FILTERED_ID_LESS_THAN,
     "GET_TODOS_FILTERED_ID_LESS_THAN",
     "GET /api/todos (200) ?filter id less than",
     "Issue a GET request on the `/api/todos` end point with an id "
     "filter to return todos with an id less than a supplied "
     "value, requesting the response in JSON format.",
     3,
     {}},
    {challenge::GET_TODOS_FILTERED_ID_SINGLE_RESULT,
     "GET_TODOS_FILTERED_ID_SINGLE_RESULT",
     "GET /api/todos (200) ?filter id single result",
     "Issue a GET request on the `/api/todos` end point with an id "
     "filter that returns one todo while multiple todos exist in "
     "the database, requesting the response in JSON format.",
     3,
     {}},
    {challenge::GET_TODOS_FILTERED_DESCRIPTION_REGEX,
     "GET_TODOS_FILTERED_DESCRIPTION_REGEX",
     "GET /api/todos (200) ?filter description regex",
     "Issue a GET request on the `/api/todos` end point with a "
     "regular expression filter on description that returns todos "
     "with non-empty descriptions, requesting the response in JSON "
     "format.",
     3,
     {}},
    {challenge::GET_TODOS_FILTERED_DESCRIPTION_WILDCARD,
     "GET_TODOS_FILTERED_DESCRIPTION_WILDCARD",
     "GET /api/todos (200) ?filter description wildcard",
     "Issue a GET request on the `/api/todos` end point with a "
     "wildcard filter on description that returns todos with "
     "non-empty descriptions, requesting the response in JSON "
     "format.",
     3,
     {}},
    // GET Sorted Challenges
    {challenge::GET_TODOS_SORTED_ASCENDING,
     "GET_TODOS_SORTED_ASCENDING",
     "GET /api/todos (200) ?_sortBy ascending",
     "Issue a GET request on the `/api/todos` end point with a "
     "query parameter to sort todos ascending by a field, "
     "requesting the response in JSON format.",
     4,
     {}},
    {challenge::GET_TODOS_SORTED_DESCENDING,
     "GET_TODOS_SORTED_DESCENDING",
     "GET /api/todos (200) ?_sortBy descending",
     "Issue a GET request on the `/api/todos` end point with a "
     "query parameter to sort todos descending by a field, "
     "requesting the response in JSON format.",
     4,
     {}},
    {challenge::GET_TODOS_SORTED_MULTIPLE_FIELDS,
     "GET_TODOS_SORTED_MULTIPLE_FIELDS",
     "GET /api/todos (200) ?_sortBy multiple",
     "Issue a GET request on the `/api/todos` end point with a "
     "query parameter to sort todos by multiple fields, requesting "
     "the response in JSON format.",
     4,
     {}},
    {challenge::GET_TODOS_FILTERED_AND_SORTED,
     "GET_TODOS_FILTERED_AND_SORTED",
     "GET /api/todos (200) ?filter&_sortBy",
     "Issue a GET request on the `/api/todos` end point with a "
     "query filter and a query parameter to sort the filtered "
     "todos, requesting the response in JSON format.",
     4,
     {}},
    // GET Pagination Challenges
    {challenge::GET_TODOS_PAGINATED_LIMIT,
     "GET_TODOS_PAGINATED_LIMIT",
     "GET /api/todos (200) ?_limit",
     "Issue a GET request on the `/api/todos` end point with a "
     "query parameter to limit the returned todos to 8 items, "
     "requesting the response in JSON format.",
     5,
     {}},
    {challenge::GET_TODOS_PAGINATED_LIMIT_OFFSET,
     "GET_TODOS_PAGINATED_LIMIT_OFFSET",
     "GET /api/todos (200) ?_limit&_offset",
     "Issue a GET request on the `/api/todos` end point with query "
     "parameters to limit the returned todos to 5 items starting "
     "from offset 5, requesting the response in JSON format.",
     5,
     {}},
    {challenge::GET_TODOS_PAGINATED_LIMIT_TOO_HIGH,
     "GET_TODOS_PAGINATED_LIMIT_TOO_HIGH",
     "GET /api/todos (400) ?_limit too high",
     "Issue a GET request on the `/api/todos` end point with a "
     "pagination limit above the configured maximum to receive a "
     "400 status code.",
     5,
     {}},
    {challenge::GET_TODOS_PAGINATED_SORTED,
     "GET_TODOS_PAGINATED_SORTED",
     "GET /api/todos (200) ?_sortBy&_limit&_offset",
     "Issue a GET request on the `/api/todos` end point with query "
     "parameters to sort todos by id descending, then return a "
     "page of 5 todos from offset 5, requesting the response in "
     "JSON format.",
     5,
     {}},
    {challenge::GET_TODOS_PAGINATED_FILTERED,
     "GET_TODOS_PAGINATED_FILTERED",
     "GET /api/todos (200) ?filter&_limit&_offset",
     "Issue a GET request on the `/api/todos` end point with query "
     "parameters to filter todos with doneStatus=false, then "
     "return a page of 2 todos from offset 1, requesting the "
     "response in JSON format.",
     5,
     {}},
    // HEAD Challenges
    {challenge::GET_HEAD_TODOS,
     "GET_HEAD_TODOS",
     "HEAD /api/todos (200)",
     "Issue a HEAD request on the `/api/todos` end point",
     6,
     {}},
    // Creation Challenges with POST
    {challenge::POST_TODOS,
     "POST_TODOS",
     "POST /api/todos (201)",
     "Issue a POST request to successfully create a todo",
     7,
     {}},
    {challenge::POST_TODOS_BAD_DONE_STATUS,
     "POST_TODOS_BAD_DONE_STATUS",
     "POST /api/todos (422) doneStatus",
     "Issue a POST request to create a todo but fail validation on "
     "the `doneStatus` field",
     7,
     {}},
    {challenge::POST_TODOS_TOO_LONG_TITLE_LENGTH,
     "POST_TODOS_TOO_LONG_TITLE_LENGTH",
     "POST /api/todos (422) title too long",
     "Issue a POST request to create a todo but fail length "
     "validation on the `title` field because your title exceeds "
     "maximum allowable characters.",
     7,
     {}},
    {challenge::POST_TODOS_TOO_LONG_DESCRIPTION_LENGTH,
     "POST_TODOS_TOO_LONG_DESCRIPTION_LENGTH",
     "POST /api/todos (422) description too long",
     "Issue a POST request to create a todo but fail length "
     "validation on the `description` because your description "
     "exceeds maximum allowable characters.",
     7,
     {}},
    {challenge::POST_MAX_OUT_TITLE_DESCRIPTION_LENGTH,
     "POST_MAX_OUT_TITLE_DESCRIPTION_LENGTH",
     "POST /api/todos (201) max out content",
     "Issue a POST request to create a todo with maximum length "
     "title and description fields.",
     7,
     {}},
    {challenge::POST_TODOS_TOO_LONG_PAYLOAD_SIZE,
     "POST_TODOS_TOO_LONG_PAYLOAD_SIZE",
     "POST /api/todos (413) content too long",
     "Issue a POST request to create a todo but fail payload "
     "length validation on the `description` because your whole "
     "payload exceeds maximum allowable 5000 characters.",
     7,
     {}},
    {challenge::POST_TODOS_INVALID_EXTRA_FIELD,
     "POST_TODOS_INVALID_EXTRA_FIELD",
     "POST /api/todos (422) extra",
     "Issue a POST request to create a todo but fail validation "
     "because your payload contains an unrecognised field.",
     7,
     {}},
    // Creation Challenges with PUT
    {challenge::PUT_TODOS_400,
     "PUT_TODOS_422",
     "PUT /api/todos/{id} (422)",
     "Issue a PUT request to unsuccessfully create a todo",
     8,
     {}},
    // Update Challenges with POST
    {challenge::POST_UPDATE_TODO,
     "POST_UPDATE_TODO",
     "POST /api/todos/{id} (200)",
     "Issue a POST request to successfully update a todo",
     9,
     {}},
    {challenge::POST_TODOS_404,
     "POST_TODOS_404",
     "POST /api/todos/{id} (404)",
     "Issue a POST request for a todo which does not exist. Expect "
     "to receive a 404 response.",
     9,
     {}},
    // Update Challenges with PUT
    {challenge::PUT_TODOS_FULL_200,
     "PUT_TODOS_FULL_200",
     "PUT /api/todos/{id} full (200)",
     "Issue a PUT request to update an existing todo with a "
     "complete payload i.e. title, description and donestatus.",
     10,
     {}},
    {challenge::PUT_TODOS_PARTIAL_200,
     "PUT_TODOS_PARTIAL_200",
     "PUT /api/todos/{id} partial (200)",
     "Issue a PUT request to update an existing todo with just "
     "mandatory items in payload i.e. title.",
     10,
     {}},
    {challenge::PUT_TODOS_BODY_ID_200,
     "PUT_TODOS_BODY_ID_200",
     "PUT /api/todos body id (200)",
     "Issue a PUT request to update an existing todo using an id "
     "in the payload.",
     10,
     {}},
    {challenge::PUT_TODOS_ID_NO_BODY_ID_200,
     "PUT_TODOS_ID_NO_BODY_ID_200",
     "PUT /api/todos/{id} no body id (200)",
     "Issue a PUT request to update an existing todo using the URL "
     "id and no id in the payload.",
     10,
     {}},
    {challenge::PUT_TODOS_MISSING_TITLE_400,
     "PUT_TODOS_MISSING_TITLE_422",
     "PUT /api/todos/{id} no title (422)",
     "Issue a PUT request to fail to update an existing todo "
     "because title is missing in payload.",
     10,
     {}},
    {challenge::PUT_TODOS_NO_ID_422,
     "PUT_TODOS_NO_ID_422",
     "PUT /api/todos no id (422)",
     "Issue a PUT request to fail to update a todo because no id "
     "is provided in the URL or payload.",
     10,
     {}},
    {challenge::PUT_TODOS_ID_NOT_FOUND_404,
     "PUT_TODOS_ID_NOT_FOUND_404",
     "PUT /api/todos/{id} not found (404)",
     "Issue a PUT request to fail to update a todo because the URL "
     "id does not exist.",
     10,
     {}},
    {challenge::PUT_TODOS_400_NO_AMEND_ID,
     "PUT_TODOS_422_NO_AMEND_ID",
     "PUT /api/todos/{id} no amend id (422)",
     "Issue a PUT request to fail to update an existing todo "
     "because id different in payload.",
     10,
     {}},
    // DELETE Challenges
    {challenge::DELETE_A_TODO,
     "DELETE_A_TODO",
     "DELETE /api/todos/{id} (204)",
     "Issue a DELETE request to successfully delete a todo",
     11,
     {}},
    // QUERY Challenges
    {challenge::QUERY_TODOS_FILTERED,
     "QUERY_TODOS_FILTERED",
     "QUERY /api/todos (200)",
     "Issue a QUERY request on the `/api/todos` end point with "
     "form-encoded query content to get only todos which are "
     "'done'. There must exist both 'done' and 'not done' todos, "
     "to pass this challenge.",
     12,
     {}},
    {challenge::QUERY_TODOS_JSONPATH_FILTERED,
     "QUERY_TODOS_JSONPATH_FILTERED",
     "QUERY /api/todos (200) JSONPath",
     "Issue a QUERY request on the `/api/todos` end point with a "
     "JSONPath query body to get only todos which are 'done'. "
     "There must exist both 'done' and 'not done' todos, to pass "
     "this challenge.",
     12,
     {}},
    {challenge::QUERY_TODOS_STRUCTURED_JSON_FILTERED,
     "QUERY_TODOS_STRUCTURED_JSON_FILTERED",
     "QUERY /api/todos (200) Structured JSON",
     "Issue a QUERY request on the `/api/todos` end point with a "
     "Structured JSON query body to get only todos which are "
     "'done'. There must exist both 'done' and 'not done' todos, "
     "to pass this challenge.",
     12,
     {}},
    // PATCH Challenges
    {challenge::PATCH_TODOS_PARTIAL_200,
     "PATCH_TODOS_PARTIAL_200",
     "PATCH /api/todos/{id} (200) partial",
     "Issue a PATCH request to update an existing todo using a "
     "partial JSON payload. <a "
     "href='/reference/http-verbs/http-patch'>learn more about "
     "patch</a>.",
     13,
     {}},
    {challenge::PATCH_TODOS_MERGE_PATCH_200,
     "PATCH_TODOS_MERGE_PATCH_200",
     "PATCH /api/todos/{id} (200) merge-patch",
     "Issue a PATCH request to update an existing todo using JSON "
     "Merge Patch. <a "
     "href='/reference/http-verbs/http-patch'>learn more about "
     "patch</a>.",
     13,
     {}},
    {challenge::PATCH_TODOS_JSON_PATCH_200,
     "PATCH_TODOS_JSON_PATCH_200",
     "PATCH /api/todos/{id} (200) json-patch",
     "Issue a PATCH request to update an existing todo using JSON "
     "Patch operations. <a "
     "href='/reference/http-verbs/http-patch'>learn more about "
     "patch</a>.",
     13,
     {}},
    // OPTIONS Challenges
    {challenge::OPTIONS_TODOS,
     "OPTIONS_TODOS",
     "OPTIONS /api/todos (200)",
     "Issue an OPTIONS request on the `/api/todos` end point. You "
     "might want to manually check the 'Allow' header in the "
     "response is as expected.",
     14,
     {}},
    // Accept Challenges
    {challenge::GET_ACCEPT_XML,
     "GET_ACCEPT_XML",
     "GET /api/todos (200) XML",
     "Issue a GET request on the `/api/todos` end point with an "
     "`Accept` header of `application/xml` to receive results in "
     "XML format",
     15,
     {}},
    {challenge::GET_ACCEPT_JSON,
     "GET_ACCEPT_JSON",
     "GET /api/todos (200) JSON",
     "Issue a GET request on the `/api/todos` end point with an "
     "`Accept` header of `application/json` to receive results in "
     "JSON format",
     15,
     {}},
    {challenge::GET_ACCEPT_ANY_DEFAULT_JSON,
     "GET_ACCEPT_ANY_DEFAULT_JSON",
     "GET /api/todos (200) ANY",
     "Issue a GET request on the `/api/todos` end point with an "
     "`Accept` header of `*/*` to receive results in default JSON "
     "format",
     15,
     {}},
    {challenge::GET_ACCEPT_XML_PREFERRED,
     "GET_ACCEPT_XML_PREFERRED",
     "GET /api/todos (200) XML pref",
     "Issue a GET request on the `/api/todos` end point with an "
     "`Accept` header of `application/xml, application/json` to "
     "receive results in the preferred XML format",
     15,
     {}},
    {challenge::GET_JSON_BY_DEFAULT_NO_ACCEPT,
     "GET_JSON_BY_DEFAULT_NO_ACCEPT",
     "GET /api/todos (200) no accept",
     "Issue a GET request on the `/api/todos` end point with no "
     "`Accept` header present in the message to receive results in "
     "default JSON format",
     15,
     {}},
    {challenge::GET_UNSUPPORTED_ACCEPT_406,
     "GET_UNSUPPORTED_ACCEPT_406",
     "GET /api/todos (406)",
     "Issue a GET request on the `/api/todos` end point with an "
     "`Accept` header `application/gzip` to receive 406 'NOT "
     "ACCEPTABLE' status code",
     15,
     {}},
    {challenge::GET_TODO_ACCEPT_TEXT_CALENDAR,
     "GET_TODO_ACCEPT_TEXT_CALENDAR",
     "GET /api/todos/{id} (200) text/calendar",
     "Issue a GET request on the `/api/todos/{id}` end point with "
     "an `Accept` header of `text/calendar` to receive the todo as "
     "a VTODO.",
     15,
     {}},
    // Advanced Accept Challenges
    {challenge::GET_ACCEPT_XML_Q_PREFERRED,
     "GET_ACCEPT_XML_Q_PREFERRED",
     "GET /api/todos (200) q XML preferred",
     "Issue a GET request on the `/api/todos` end point with an "
     "`Accept` header of `application/json;q=0.5, "
     "application/xml;q=1` to receive results in XML format.",
     16,
     {}},
    {challenge::GET_ACCEPT_JSON_Q_PREFERRED,
     "GET_ACCEPT_JSON_Q_PREFERRED",
     "GET /api/todos (200) q JSON preferred",
     "Issue a GET request on the `/api/todos` end point with an "
     "`Accept` header of `application/xml;q=0.5, "
     "application/json;q=1` to receive results in JSON format.",
     16,
     {}},
    {challenge::GET_ACCEPT_Q_REJECTS_ALL_406,
     "GET_ACCEPT_Q_REJECTS_ALL_406",
     "GET /api/todos (406) q rejects all",
     "Issue a GET request on the `/api/todos` end point with an "
     "`Accept` header of `application/json;q=0, "
     "application/xml;q=0` to receive 406 'NOT ACCEPTABLE' status "
     "code.",
     16,
     {}},
    {challenge::GET_UNSUPPORTED_STRUCTURED_JSON_ACCEPT_406,
     "GET_UNSUPPORTED_STRUCTURED_JSON_ACCEPT_406",
     "GET /api/todos (406) unsupported +json",
     "Issue a GET request on the `/api/todos` end point with an "
     "`Accept` header such as `application/problem+json` or "
     "`application/*+json` to receive 406 'NOT ACCEPTABLE' status "
     "code.",
     16,
     {}},
    {challenge::GET_ACCEPT_TEXT_XML,
     "GET_ACCEPT_TEXT_XML",
     "GET /api/todos (200) text/xml",
     "Issue a GET request on the `/api/todos` end point with an "
     "`Accept` header of `text/xml` to receive results in XML "
     "format.",
     16,
     {}},
    {challenge::GET_ACCEPT_VENDOR_XML,
     "GET_ACCEPT_VENDOR_XML",
     "GET /api/todos (200) vendor XML",
     "Issue a GET request on the `/api/todos` end point with an "
     "`Accept` header of `application/vnd.apichallenges.todo+xml` "
     "to receive results in todo XML format.",
     16,
     {}},
    {challenge::GET_ACCEPT_STRUCTURED_XML_WILDCARD,
     "GET_ACCEPT_STRUCTURED_XML_WILDCARD",
     "GET /api/todos (200) structured XML wildcard",
     "Issue a GET request on the `/api/todos` end point with an "
     "`Accept` header of `application/*+xml` to receive results in "
     "a supported structured XML format.",
     16,
     {}},
    // Content-Type Challenges
    {challenge::POST_CREATE_XML,
     "POST_CREATE_XML",
     "POST /api/todos XML",
     "Issue a POST request on the `/api/todos` end point to create "
     "a todo using Content-Type `application/xml`, and Accepting "
     "only XML ie. Accept header of `application/xml`",
     17,
     {}},
    {challenge::POST_CREATE_JSON,
     "POST_CREATE_JSON",
     "POST /api/todos JSON",
     "Issue a POST request on the `/api/todos` end point to create "
     "a todo using Content-Type `application/json`, and Accepting "
     "only JSON ie. Accept header of `application/json`",
     17,
     {}},
    {challenge::POST_CREATE_VENDOR_XML,
     "POST_CREATE_VENDOR_XML",
     "POST /api/todos vendor XML",
     "Issue a POST request on the `/api/todos` end point to create "
     "a todo using Content-Type "
     "`application/vnd.apichallenges.todo+xml`, a normal todo XML "
     "body, and a negotiated response.",
     17,
     {}},
    {challenge::POST_TODOS_415,
     "POST_TODOS_415",
     "POST /api/todos (415)",
     "Issue a POST request on the `/api/todos` end point with an "
     "unsupported content type to generate a 415 status code",
     17,
     {}},
    // Content-Disposition Challenges
    {challenge::GET_TODOS_EXPORT_CSV_CONTENT_DISPOSITION,
     "GET_TODOS_EXPORT_CSV_CONTENT_DISPOSITION",
     "GET /api/todos/export (200) CSV download",
     "Issue a GET request on the `/api/todos/export?format=csv` "
     "end point and receive a CSV response with a "
     "`Content-Disposition` header for `todos.csv`",
     18,
     {}},
    {challenge::GET_TODOS_EXPORT_HTML_CONTENT_DISPOSITION,
     "GET_TODOS_EXPORT_HTML_CONTENT_DISPOSITION",
     "GET /api/todos/export (200) HTML download",
     "Issue a GET request on the `/api/todos/export?format=html` "
     "end point and receive an HTML response with a "
     "`Content-Disposition` header for `todos.html`",
     18,
     {}},
    {challenge::GET_TODOS_EXPORT_TSV_CONTENT_DISPOSITION,
     "GET_TODOS_EXPORT_TSV_CONTENT_DISPOSITION",
     "GET /api/todos/export (200) tab-delimited download",
     "Issue a GET request on the `/api/todos/export?format=tsv` "
     "end point and receive a tab-delimited response with a "
     "`Content-Disposition` header for `todos.tsv`",
     18,
     {}},
    // Fancy a Break? Restore your session
    {challenge::GET_RESTORE_EXISTING_CHALLENGER,
     "GET_RESTORE_EXISTING_CHALLENGER",
     "GET /api/challenger/guid (200)",
     "Issue a GET request on the `/api/challenger` end point with "
     "an existing challenger GUID to restore that challenger's "
     "progress into memory.",
     19,
     {}},
    {challenge::POST_RESTORE_EXISTING_CHALLENGER,
     "POST_RESTORE_EXISTING_CHALLENGER",
     "POST /api/challenger (existing X-CHALLENGER)",
     "Issue a POST request on the `/api/challenger` end point, "
     "with an existing challenger GUID as the X-CHALLENGER header "
     "to restore that challenger's progress into memory.",
     19,
     {}},
    {challenge::GET_RESTORABLE_CHALLENGER_PROGRESS_STATUS,
     "GET_RESTORABLE_CHALLENGER_PROGRESS_STATUS",
     "GET /api/challenger/guid (existing X-CHALLENGER)",
     "Issue a GET request on the `/api/challenger/{guid}` end "
     "point, with an existing challenger GUID. This will return "
     "the progress data payload that can be used to later restore "
     "your progress to this status.",
     19,
     {}},
    {challenge::PUT_RESTORABLE_CHALLENGER_PROGRESS_STATUS,
     "PUT_RESTORABLE_CHALLENGER_PROGRESS_STATUS",
     "PUT /api/challenger/guid RESTORE",
     "Issue a PUT request on the `/api/challenger/{guid}` end "
     "point, with an existing challenger GUID to restore that "
     "challenger's progress into memory.",
     19,
     {}},
    {challenge::PUT_CHALLENGER_GUID_MISMATCH_409,
     "PUT_CHALLENGER_GUID_MISMATCH_409",
     "PUT /api/challenger/guid (409) mismatch",
     "Issue a PUT request on the `/api/challenger/{guid}` end "
     "point where the URL GUID does not match the payload "
     "X-CHALLENGER value.",
     19,
     {}},
    {challenge::PUT_NEW_RESTORED_CHALLENGER_PROGRESS_STATUS,
     "PUT_NEW_RESTORED_CHALLENGER_PROGRESS_STATUS",
     "PUT /api/challenger/guid CREATE",
     "Issue a PUT request on the `/api/challenger/{guid}` end "
     "point, with a challenger GUID not currently in memory to "
     "restore that challenger's progress into memory.",
     19,
     {}},
    {challenge::GET_RESTORABLE_TODOS,
     "GET_RESTORABLE_TODOS",
     "GET /api/challenger/database/guid (200)",
     "Issue a GET request on the `/api/challenger/database/{guid}` "
     "end point, to retrieve the current todos database for the "
     "user. You can use this to restore state later.",
     19,
     {}},
    {challenge::PUT_RESTORABLE_TODOS,
     "PUT_RESTORABLE_TODOS",
     "PUT /api/challenger/database/guid (Update)",
     "Issue a PUT request on the `/api/challenger/database/{guid}` "
     "end point, with a payload to restore the Todos database in "
     "memory.",
     19,
     {}},
    // Mix Accept and Content-Type Challenges
    {challenge::POST_CREATE_XML_ACCEPT_JSON,
     "POST_CREATE_XML_ACCEPT_JSON",
     "POST /api/todos XML to JSON",
     "Issue a POST request on the `/api/todos` end point to create "
     "a todo using Content-Type `application/xml` but Accept "
     "`application/json`",
     20,
     {}},
    {challenge::POST_CREATE_JSON_ACCEPT_XML,
     "POST_CREATE_JSON_ACCEPT_XML",
     "POST /api/todos JSON to XML",
     "Issue a POST request on the `/api/todos` end point to create "
     "a todo using Content-Type `application/json` but Accept "
     "`application/xml`",
     20,
     {}},
    // Status Code Challenges
    {challenge::DELETE_HEARTBEAT_405,
     "DELETE_HEARTBEAT_405",
     "DELETE /api/heartbeat (405)",
     "Issue a DELETE request on the `/api/heartbeat` end point and "
     "receive 405 (Method Not Allowed)",
     21,
     {}},
    {challenge::PATCH_HEARTBEAT_500,
     "PATCH_HEARTBEAT_500",
     "PATCH /api/heartbeat (500)",
     "Issue a PATCH request on the `/api/heartbeat` end point and "
     "receive 500 (internal server error)",
     21,
     {}},
    {challenge::TRACE_HEARTBEAT_501,
     "TRACE_HEARTBEAT_501",
     "TRACE /api/heartbeat (501)",
     "Issue a TRACE request on the `/api/heartbeat` end point and "
     "receive 501 (Not Implemented)",
     21,
     {}},
    {challenge::GET_HEARTBEAT_204,
     "GET_HEARTBEAT_204",
     "GET /api/heartbeat (204)",
     "Issue a GET request on the `/api/heartbeat` end point and "
     "receive 204 when server is running",
     21,
     {}},
    {challenge::X_CHALLENGER_TOO_LONG_431,
     "X_CHALLENGER_TOO_LONG_431",
     "GET /api/heartbeat (431) X-CHALLENGER too long",
     "Issue a GET request on the `/api/heartbeat` end point with "
     "an X-CHALLENGER header value that is too long and receive "
     "431 (Request Header Fields Too Large).",
     21,
     {}},
    // HTTP Method Override Challenges
    {challenge::OVERRIDE_DELETE_HEARTBEAT_405,
     "OVERRIDE_DELETE_HEARTBEAT_405",
     "POST /api/heartbeat as DELETE (405)",
     "Issue a POST request on the `/api/heartbeat` end point and "
     "receive 405 when you override the Method Verb to a DELETE",
     22,
     {}},
    {challenge::OVERRIDE_PATCH_HEARTBEAT_500,
     "OVERRIDE_PATCH_HEARTBEAT_500",
     "POST /api/heartbeat as PATCH (500)",
     "Issue a POST request on the `/api/heartbeat` end point and "
     "receive 500 when you override the Method Verb to a PATCH",
     22,
     {}},
    {challenge::OVERRIDE_TRACE_HEARTBEAT_501,
     "OVERRIDE_TRACE_HEARTBEAT_501",
     "POST /api/heartbeat as Trace (501)",
     "Issue a POST request on the `/api/heartbeat` end point and "
     "receive 501 (Not Implemented) when you override the Method "
     "Verb to a TRACE",
     22,
     {}},
    // Authentication Challenges
    {challenge::CREATE_SECRET_TOKEN_401,
     "CREATE_SECRET_TOKEN_401",
     "POST /api/secret/token (401)",
     "Issue a POST request on the `/api/secret/token` end point "
     "and receive 401 when Basic auth username/password is not "
     "admin/password",
     23,
     {}},
    {challenge::CREATE_SECRET_TOKEN_201,
     "CREATE_SECRET_TOKEN_201",
     "POST /api/secret/token (201)",
     "Issue a POST request on the `/api/secret/token` end point "
     "and receive 201 when Basic auth username/password is "
     "admin/password",
     23,
     {}},
    // Authorization Challenges
    {challenge::GET_SECRET_NOTE_403,
     "GET_SECRET_NOTE_403",
     "GET /api/secret/note (403)",
     "Issue a GET request on the `/api/secret/note` end point and "
     "receive 403 when X-AUTH-TOKEN does not match a valid token",
     24,
     {}},
    {challenge::GET_SECRET_NOTE_401,
     "GET_SECRET_NOTE_401",
     "GET /api/secret/note (401)",
     "Issue a GET request on the `/api/secret/note` end point and "
     "receive 401 when no X-AUTH-TOKEN header present",
     24,
     {}},
    {challenge::GET_SECRET_NOTE_200,
     "GET_SECRET_NOTE_200",
     "GET /api/secret/note (200)",
     "Issue a GET request on the `/api/secret/note` end point "
     "receive 200 when valid X-AUTH-TOKEN used - response body "
     "should contain the note",
     24,
     {}},
    {challenge::POST_SECRET_NOTE_200,
     "POST_SECRET_NOTE_200",
     "POST /api/secret/note (200)",
     "Issue a POST request on the `/api/secret/note` end point "
     "with a note payload e.g. {\"note\":\"my note\"} and receive "
     "200 when valid X-AUTH-TOKEN used. Note is maximum length 100 "
     "chars and will be truncated when stored.",
     24,
     {}},
    {challenge::POST_SECRET_NOTE_401,
     "POST_SECRET_NOTE_401",
     "POST /api/secret/note (401)",
     "Issue a POST request on the `/api/secret/note` end point "
     "with a note payload {\"note\":\"my note\"} and receive 401 "
     "when no X-AUTH-TOKEN present",
     24,
     {}},
    {challenge::POST_SECRET_NOTE_403,
     "POST_SECRET_NOTE_403",
     "POST /api/secret/note (403)",
     "Issue a POST request on the `/api/secret/note` end point "
     "with a note payload {\"note\":\"my note\"} and receive 403 "
     "when X-AUTH-TOKEN does not match a valid token",
     24,
     {}},
    {challenge::GET_SECRET_NOTE_BEARER_200,
     "GET_SECRET_NOTE_BEARER_200",
     "GET /api/secret/note (Bearer)",
     "Issue a GET request on the `/api/secret/note` end point "
     "receive 200 when using the X-AUTH-TOKEN value as an "
     "Authorization Bearer token - response body should contain "
     "the note",
     24,
     {}},
    {challenge::POST_SECRET_NOTE_BEARER_200,
     "POST_SECRET_NOTE_BEARER_200",
     "POST /api/secret/note (Bearer)",
     "Issue a POST request on the `/api/secret/note` end point "
     "with a note payload e.g. {\"note\":\"my note\"} and receive "
     "200 when valid X-AUTH-TOKEN value used as an Authorization "
     "Bearer token. Status code 200 received. Note is maximum "
     "length 100 chars and will be truncated when stored.",
     24,
     {}},
    // Miscellaneous Challenges
    {challenge::DELETE_ALL_TODOS,
     "DELETE_ALL_TODOS",
     "DELETE /api/todos/{id} (204) all",
     "Issue a DELETE request to successfully delete the last todo "
     "in system so that there are no more todos in the system",
     25,
     {}},
    {challenge::POST_ALL_TODOS,
     "POST_ALL_TODOS",
     "POST /api/todos (409) max todos",
     "Issue as many POST requests as it takes to exceed the "
     "maximum number of TODOS allowed for a user. The maximum "
     "number should be listed in the documentation.",
     25,
     {}},
  };
  return table;
}

} // namespace

const std::vector<section_info>& sections_2026() {
  return section_table();
}

const std::vector<challenge_info>& y2026() {
  return challenge_table();
}

} // namespace model::catalogue
