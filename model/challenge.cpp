#include "model/challenge.hpp"

#include "model/edition.hpp"

namespace model {

namespace {

// Texts byte for byte as the original showed them in 2025 (BEHAVIOUR §1.2,
// including the OVERRIDE_* hint with "POST Request"). Rows are in enum order;
// `section` indexes `section_table()`.

const std::vector<section_info>& section_table() {
  static const std::vector<section_info> table = {
    {"Getting Started",
     "If you want to track your challenge progress, in multi-user mode "
     "then you need to solve the challenges in this section to generate a "
     "unique ID that we can associate your progress with."},
    {"First Real Challenge",
     "For your first challenge, get the list of challenges. You'll be able "
     "to use this to see your progress in your API Client, as well as "
     "using the GUI."},
    {"GET Challenges",
     "To retrieve, or read information from an API we issue GET requests. "
     "This section has a bunch of GET request challenges to try out."},
    {"HEAD Challenges",
     "A HEAD request, is like a GET request, but only returns the headers "
     "and status code."},
    {"Creation Challenges with POST",
     "A POST request can be used to create and update data, these "
     "challenges are to 'create' data."},
    {"Creation Challenges with PUT",
     "A PUT request can often used to create and update data. The todo "
     "application we are using has automatically generated ids, so you "
     "cannot use PUT to create."},
    {"Update Challenges with POST",
     "Use a POST request to amend something that already exists. These are "
     "'partial' content updates so you usually don't need to have all "
     "details of the entity in the request, e.g. you could just update a "
     "title, or a description, or a status"},
    {"Update Challenges with PUT",
     "A PUT request can be used to amend data. REST Put requests are "
     "idempotent, they provide the same result each time."},
    {"DELETE Challenges",
     "Use a DELETE request to delete an entity. Since this is an extreme "
     "request, normally you have to be logged in or authenticated, but we "
     "wanted to make life easier for you so we cover authentication later. "
     "Anyone can delete To Do items without authentication in this system."},
    {"OPTIONS Challenges",
     "Use an OPTIONS verb and check the `Allow` header, this will show you "
     "what verbs are allowed to be used on an endpoint. When you test APIs "
     "it is worth checking to see if all the verbs listed are allowed or "
     "not."},
    {"Accept Challenges",
     "The `Accept` header, tells the server what format you want the "
     "response to be in. By changing the `Accept` header you can specify "
     "JSON or XML."},
    {"Content-Type Challenges",
     "The `Content-Type` header, tells the server what format type your "
     "'body' content is, e.g. are you sending XML or JSON."},
    {"Fancy a Break? Restore your session",
     "Your challenge progress can be saved, and as long as you remember "
     "you challenger ID you can restore it. Leaving a challenger idle in "
     "the system for more than 10 minutes will remove the challenger from "
     "memory. Challenger status and the todos database can be saved to, "
     "and restored from, the browser localStorage."},
    {"Mix Accept and Content-Type Challenges",
     "We can mix the `Accept` and `Content-Type` headers so that we can "
     "send JSON but receive XML. These challenges encourage you to explore "
     "some combinations."},
    {"Status Code Challenges",
     "Status-codes are essential to understand, so we created some "
     "challenges that help you trigger more status codes. Remember to "
     "review httpstatuses.com to learn what the status codes mean."},
    {"HTTP Method Override Challenges",
     "Some HTTP Clients can not send all verbs e.g. PATCH, DELETE, PUT. "
     "Use an X-HTTP-Method-Override header to simulate these with a POST "
     "request"},
    {"Authentication Challenges",
     "Authentication is telling the system who you are. In multi-user mode "
     "you are already doing that with the X-CHALLENGER header, but we have "
     "added an extra level of security on the /secret section. So first "
     "Authenticate with Basic Authentication to find out the token to use "
     "for authorisation for later challenges."},
    {"Authorization Challenges",
     "Once the system knows who you are, authorization is if you have the "
     "correct level of access. In these challenges the authorization is "
     "granted using a custom API header X-AUTH-TOKEN or using a Bearer "
     "Authorization header."},
    {"Miscellaneous Challenges",
     "We left these challenges to the end because they seemed fun, but... "
     "different."},
  };
  return table;
}

const std::vector<challenge_info>& challenge_table() {
  static const std::vector<challenge_info> table = {
    // Getting Started
    {challenge::CREATE_NEW_CHALLENGER,
     "CREATE_NEW_CHALLENGER",
     "POST /challenger (201)",
     "Issue a POST request on the `/challenger` end point, with no body, "
     "to create a new challenger session. Use the generated X-CHALLENGER "
     "header in future requests to track challenge completion.",
     0,
     {"In multi-user mode, you need to create an X-CHALLENGER Session in "
      "order to complete any challenges or make PUT, POST, DELETE requests"}},
    // First Real Challenge
    {challenge::GET_CHALLENGES,
     "GET_CHALLENGES",
     "GET /challenges (200)",
     "Issue a GET request on the `/challenges` end point",
     1,
     {"Remember to add the X-CHALLENGER header so you see the progress of "
      "the challenges for your session.",
      "If you issue a GET request without an X-CHALLENGER header you will "
      "see the default challenge values.",
      "By default the response body will be JSON format."}},
    // GET Challenges
    {challenge::GET_TODOS,
     "GET_TODOS",
     "GET /todos (200)",
     "Issue a GET request on the `/todos` end point",
     2,
     {"Remember to add the X-CHALLENGER header so you see the data for "
      "your session.",
      "If you issue a GET request without an X-CHALLENGER header you will "
      "see the default todo values.",
      "By default the response body will be JSON format."}},
    {challenge::GET_TODOS_NOT_PLURAL_404,
     "GET_TODOS_NOT_PLURAL_404",
     "GET /todo (404) not plural",
     "Issue a GET request on the `/todo` end point should 404 because "
     "nouns should be plural",
     2,
     {}},
    {challenge::GET_TODO,
     "GET_TODO",
     "GET /todos/{id} (200)",
     "Issue a GET request on the `/todos/{id}` end point to return a "
     "specific todo",
     2,
     {"Make sure you don't use {id} in the url, replace that with the id "
      "of a todo e.g. /todos/1"}},
    {challenge::GET_TODO_404,
     "GET_TODO_404",
     "GET /todos/{id} (404)",
     "Issue a GET request on the `/todos/{id}` end point for a todo that "
     "does not exist",
     2,
     {"Make sure you don't use {id} in the url, replace that with the id "
      "of a todo e.g. /todos/1",
      "Make sure the id is an integer e.g. /todos/1",
      "Make sure you are using the /todos end point e.g. /todos/1"}},
    {challenge::GET_TODOS_FILTERED,
     "GET_TODOS_FILTERED",
     "GET /todos (200) ?filter",
     "Issue a GET request on the `/todos` end point with a query filter to "
     "get only todos which are 'done'. There must exist both 'done' and "
     "'not done' todos, to pass this challenge.",
     2,
     {"A query filter is a URL parameter using the field name and a value",
      "A URL parameter is added to the end of a url with a ? e.g. "
      "/todos?id=1",
      "To filter on 'done' we use the 'doneStatus' field  ? e.g. "
      "?doneStatus=true",
      "Make sure there are todos which are done, and not yet done"}},
    // HEAD Challenges
    {challenge::GET_HEAD_TODOS,
     "GET_HEAD_TODOS",
     "HEAD /todos (200)",
     "Issue a HEAD request on the `/todos` end point",
     3,
     {}},
    // Creation Challenges with POST
    {challenge::POST_TODOS,
     "POST_TODOS",
     "POST /todos (201)",
     "Issue a POST request to successfully create a todo",
     4,
     {"Add a JSON payload in the request",
      "If you don't know the format of the payload, use the response from "
      "a GET /todos/{id} request and amend it",
      "You must add an X-CHALLENGER header for a valid session"}},
    {challenge::POST_TODOS_BAD_DONE_STATUS,
     "POST_TODOS_BAD_DONE_STATUS",
     "POST /todos (400) doneStatus",
     "Issue a POST request to create a todo but fail validation on the "
     "`doneStatus` field",
     4,
     {"doneStatus should be boolean, an invalid status would be a String "
      "or a number e.g. \"invalid\""}},
    {challenge::POST_TODOS_TOO_LONG_TITLE_LENGTH,
     "POST_TODOS_TOO_LONG_TITLE_LENGTH",
     "POST /todos (400) title too long",
     "Issue a POST request to create a todo but fail length validation on "
     "the `title` field because your title exceeds maximum allowable "
     "characters.",
     4,
     {"The API Documentation shows the maximum allowed length of the title "
      "field"}},
    {challenge::POST_TODOS_TOO_LONG_DESCRIPTION_LENGTH,
     "POST_TODOS_TOO_LONG_DESCRIPTION_LENGTH",
     "POST /todos (400) description too long",
     "Issue a POST request to create a todo but fail length validation on "
     "the `description` because your description exceeds maximum allowable "
     "characters.",
     4,
     {"The API Documentation shows the maximum allowed length of the "
      "description field"}},
    {challenge::POST_MAX_OUT_TITLE_DESCRIPTION_LENGTH,
     "POST_MAX_OUT_TITLE_DESCRIPTION_LENGTH",
     "POST /todos (201) max out content",
     "Issue a POST request to create a todo with maximum length title and "
     "description fields.",
     4,
     {"Max lengths are listed in the API Documentation",
      "CounterStrings are very useful for testing with maximum field "
      "lengths",
      "Both title and description should be the correct maximum lengths"}},
    {challenge::POST_TODOS_TOO_LONG_PAYLOAD_SIZE,
     "POST_TODOS_TOO_LONG_PAYLOAD_SIZE",
     "POST /todos (413) content too long",
     "Issue a POST request to create a todo but fail payload length "
     "validation on the `description` because your whole payload exceeds "
     "maximum allowable 5000 characters.",
     4,
     {"Try using a long 5000 char string as the description or title text",
      "CounterStrings are very useful for testing with maximum field "
      "lengths"}},
    {challenge::POST_TODOS_INVALID_EXTRA_FIELD,
     "POST_TODOS_INVALID_EXTRA_FIELD",
     "POST /todos (400) extra",
     "Issue a POST request to create a todo but fail validation because "
     "your payload contains an unrecognised field.",
     4,
     {"Try to create a todo with a title, description and a priority"}},
    // Creation Challenges with PUT
    {challenge::PUT_TODOS_400,
     "PUT_TODOS_400",
     "PUT /todos/{id} (400)",
     "Issue a PUT request to unsuccessfully create a todo",
     5,
     {"Add a JSON payload in the request",
      "If you don't know the format of the payload, use the response from "
      "a GET /todos/{id} request and amend it",
      "Do not include an 'id' in the payload",
      "The id in the URL should not exist",
      "You must add an X-CHALLENGER header for a valid session"}},
    // Update Challenges with POST
    {challenge::POST_UPDATE_TODO,
     "POST_UPDATE_TODO",
     "POST /todos/{id} (200)",
     "Issue a POST request to successfully update a todo",
     6,
     {"Make sure you don't use {id} in the url, replace that with the id "
      "of a todo e.g. /todos/1"}},
    {challenge::POST_TODOS_404,
     "POST_TODOS_404",
     "POST /todos/{id} (404)",
     "Issue a POST request for a todo which does not exist. Expect to "
     "receive a 404 response.",
     6,
     {"Make sure you don't use {id} in the url, replace that with the id "
      "of a todo that does not exist e.g. /todos/100"}},
    // Update Challenges with PUT
    {challenge::PUT_TODOS_FULL_200,
     "PUT_TODOS_FULL_200",
     "PUT /todos/{id} full (200)",
     "Issue a PUT request to update an existing todo with a complete "
     "payload i.e. title, description and donestatus.",
     7,
     {"Add a JSON payload in the request",
      "If you don't know the format of the payload, use the response from "
      "a GET /todos/{id} request and amend it",
      "Do not include an 'id' in the payload"}},
    {challenge::PUT_TODOS_PARTIAL_200,
     "PUT_TODOS_PARTIAL_200",
     "PUT /todos/{id} partial (200)",
     "Issue a PUT request to update an existing todo with just mandatory "
     "items in payload i.e. title.",
     7,
     {"Add a JSON payload in the request",
      "If you don't know the format of the payload, use the response from "
      "a GET /todos/{id} request and amend it",
      "Do not include an 'id' in the payload"}},
    {challenge::PUT_TODOS_MISSING_TITLE_400,
     "PUT_TODOS_MISSING_TITLE_400",
     "PUT /todos/{id} no title (400)",
     "Issue a PUT request to fail to update an existing todo because title "
     "is missing in payload.",
     7,
     {"Title is required for Put requests because they are idempotent. You "
      "can amend using POST without a title, but not using a PUT."}},
    {challenge::PUT_TODOS_400_NO_AMEND_ID,
     "PUT_TODOS_400_NO_AMEND_ID",
     "PUT /todos/{id} no amend id (400)",
     "Issue a PUT request to fail to update an existing todo because id "
     "different in payload.",
     7,
     {"ID is auto generated you can not amend it in the payload.",
      "If you have a different id in the payload from the url then this is "
      "viewed as an amendment and you can not amend an auto generated "
      "field."}},
    // DELETE Challenges
    {challenge::DELETE_A_TODO,
     "DELETE_A_TODO",
     "DELETE /todos/{id} (200)",
     "Issue a DELETE request to successfully delete a todo",
     8,
     {"Make sure you don't use {id} in the url, replace that with the id "
      "of a todo e.g. /todos/1",
      "Make sure a todo with the id exists prior to issuing the request",
      "Check it was deleted by issuing a GET or HEAD on the /todos/{id}"}},
    // OPTIONS Challenges
    {challenge::OPTIONS_TODOS,
     "OPTIONS_TODOS",
     "OPTIONS /todos (200)",
     "Issue an OPTIONS request on the `/todos` end point. You might want "
     "to manually check the 'Allow' header in the response is as expected.",
     9,
     {}},
    // Accept Challenges
    {challenge::GET_ACCEPT_XML,
     "GET_ACCEPT_XML",
     "GET /todos (200) XML",
     "Issue a GET request on the `/todos` end point with an `Accept` "
     "header of `application/xml` to receive results in XML format",
     10,
     {}},
    {challenge::GET_ACCEPT_JSON,
     "GET_ACCEPT_JSON",
     "GET /todos (200) JSON",
     "Issue a GET request on the `/todos` end point with an `Accept` "
     "header of `application/json` to receive results in JSON format",
     10,
     {}},
    {challenge::GET_ACCEPT_ANY_DEFAULT_JSON,
     "GET_ACCEPT_ANY_DEFAULT_JSON",
     "GET /todos (200) ANY",
     "Issue a GET request on the `/todos` end point with an `Accept` "
     "header of `*/*` to receive results in default JSON format",
     10,
     {}},
    {challenge::GET_ACCEPT_XML_PREFERRED,
     "GET_ACCEPT_XML_PREFERRED",
     "GET /todos (200) XML pref",
     "Issue a GET request on the `/todos` end point with an `Accept` "
     "header of `application/xml, application/json` to receive results in "
     "the preferred XML format",
     10,
     {}},
    {challenge::GET_JSON_BY_DEFAULT_NO_ACCEPT,
     "GET_JSON_BY_DEFAULT_NO_ACCEPT",
     "GET /todos (200) no accept",
     "Issue a GET request on the `/todos` end point with no `Accept` "
     "header present in the message to receive results in default JSON "
     "format",
     10,
     {}},
    {challenge::GET_UNSUPPORTED_ACCEPT_406,
     "GET_UNSUPPORTED_ACCEPT_406",
     "GET /todos (406)",
     "Issue a GET request on the `/todos` end point with an `Accept` "
     "header `application/gzip` to receive 406 'NOT ACCEPTABLE' status code",
     10,
     {}},
    // Content-Type Challenges
    {challenge::POST_CREATE_XML,
     "POST_CREATE_XML",
     "POST /todos XML",
     "Issue a POST request on the `/todos` end point to create a todo "
     "using Content-Type `application/xml`, and Accepting only XML ie. "
     "Accept header of `application/xml`",
     11,
     {}},
    {challenge::POST_CREATE_JSON,
     "POST_CREATE_JSON",
     "POST /todos JSON",
     "Issue a POST request on the `/todos` end point to create a todo "
     "using Content-Type `application/json`, and Accepting only JSON ie. "
     "Accept header of `application/json`",
     11,
     {}},
    {challenge::POST_TODOS_415,
     "POST_TODOS_415",
     "POST /todos (415)",
     "Issue a POST request on the `/todos` end point with an unsupported "
     "content type to generate a 415 status code",
     11,
     {}},
    // Fancy a Break? Restore your session
    {challenge::GET_RESTORE_EXISTING_CHALLENGER,
     "GET_RESTORE_EXISTING_CHALLENGER",
     "GET /challenger/guid (200)",
     "Issue a GET request on the `/challenger` end point with an existing "
     "challenger GUID to restore that challenger's progress into memory.",
     12,
     {"In multi-user mode, you need to create an X-CHALLENGER Session "
      "first and let it go idle so it is removed in the 10 minute purge",
      "Remember to add the X-CHALLENGER header to track your progress",
      "Add the guid in the URL as the last part of the path"}},
    {challenge::POST_RESTORE_EXISTING_CHALLENGER,
     "POST_RESTORE_EXISTING_CHALLENGER",
     "POST /challenger (existing X-CHALLENGER)",
     "Issue a POST request on the `/challenger` end point, with an "
     "existing challenger GUID as the X-CHALLENGER header to restore that "
     "challenger's progress into memory.",
     12,
     {"In multi-user mode, you need to create an X-CHALLENGER Session "
      "first and let it go idle so it is removed in the 10 minute purge"}},
    {challenge::GET_RESTORABLE_CHALLENGER_PROGRESS_STATUS,
     "GET_RESTORABLE_CHALLENGER_PROGRESS_STATUS",
     "GET /challenger/guid (existing X-CHALLENGER)",
     "Issue a GET request on the `/challenger/{guid}` end point, with an "
     "existing challenger GUID. This will return the progress data payload "
     "that can be used to later restore your progress to this status.",
     12,
     {"A challenger must have been created already for this to work",
      "Remember to add the X-CHALLENGER header to track your progress"}},
    {challenge::PUT_RESTORABLE_CHALLENGER_PROGRESS_STATUS,
     "PUT_RESTORABLE_CHALLENGER_PROGRESS_STATUS",
     "PUT /challenger/guid RESTORE",
     "Issue a PUT request on the `/challenger/{guid}` end point, with an "
     "existing challenger GUID to restore that challenger's progress into "
     "memory.",
     12,
     {"Use the challenger payload returned from the earlier GET request",
      "Remember to add the X-CHALLENGER header to track your progress",
      "The challenger should already exist in memory and this will restore "
      "status to an earlier point"}},
    {challenge::PUT_NEW_RESTORED_CHALLENGER_PROGRESS_STATUS,
     "PUT_NEW_RESTORED_CHALLENGER_PROGRESS_STATUS",
     "PUT /challenger/guid CREATE",
     "Issue a PUT request on the `/challenger/{guid}` end point, with a "
     "challenger GUID not currently in memory to restore that challenger's "
     "progress into memory.",
     12,
     {"Use the challenger payload returned from the earlier GET request",
      "Remember to add the X-CHALLENGER header to track your progress",
      "This will create the Challenger in memory because it should not "
      "already exist"}},
    {challenge::GET_RESTORABLE_TODOS,
     "GET_RESTORABLE_TODOS",
     "GET /challenger/database/guid (200)",
     "Issue a GET request on the `/challenger/database/{guid}` end point, "
     "to retrieve the current todos database for the user. You can use "
     "this to restore state later.",
     12,
     {"Remember to add the X-CHALLENGER header to track your progress"}},
    {challenge::PUT_RESTORABLE_TODOS,
     "PUT_RESTORABLE_TODOS",
     "PUT /challenger/database/guid (Update)",
     "Issue a PUT request on the `/challenger/database/{guid}` end point, "
     "with a payload to restore the Todos database in memory.",
     12,
     {"Use the Todos database payload returned from the earlier GET request",
      "Remember to add the X-CHALLENGER header to track your progress"}},
    // Mix Accept and Content-Type Challenges
    {challenge::POST_CREATE_XML_ACCEPT_JSON,
     "POST_CREATE_XML_ACCEPT_JSON",
     "POST /todos XML to JSON",
     "Issue a POST request on the `/todos` end point to create a todo "
     "using Content-Type `application/xml` but Accept `application/json`",
     13,
     {}},
    {challenge::POST_CREATE_JSON_ACCEPT_XML,
     "POST_CREATE_JSON_ACCEPT_XML",
     "POST /todos JSON to XML",
     "Issue a POST request on the `/todos` end point to create a todo "
     "using Content-Type `application/json` but Accept `application/xml`",
     13,
     {}},
    // Status Code Challenges
    {challenge::DELETE_HEARTBEAT_405,
     "DELETE_HEARTBEAT_405",
     "DELETE /heartbeat (405)",
     "Issue a DELETE request on the `/heartbeat` end point and receive 405 "
     "(Method Not Allowed)",
     14,
     {}},
    {challenge::PATCH_HEARTBEAT_500,
     "PATCH_HEARTBEAT_500",
     "PATCH /heartbeat (500)",
     "Issue a PATCH request on the `/heartbeat` end point and receive 500 "
     "(internal server error)",
     14,
     {}},
    {challenge::TRACE_HEARTBEAT_501,
     "TRACE_HEARTBEAT_501",
     "TRACE /heartbeat (501)",
     "Issue a TRACE request on the `/heartbeat` end point and receive 501 "
     "(Not Implemented)",
     14,
     {}},
    {challenge::GET_HEARTBEAT_204,
     "GET_HEARTBEAT_204",
     "GET /heartbeat (204)",
     "Issue a GET request on the `/heartbeat` end point and receive 204 "
     "when server is running",
     14,
     {}},
    // HTTP Method Override Challenges
    {challenge::OVERRIDE_DELETE_HEARTBEAT_405,
     "OVERRIDE_DELETE_HEARTBEAT_405",
     "POST /heartbeat as DELETE (405)",
     "Issue a POST request on the `/heartbeat` end point and receive 405 "
     "when you override the Method Verb to a DELETE",
     15,
     {"Use a normal POST Request, but add an X-HTTP-Method-Override header"}},
    {challenge::OVERRIDE_PATCH_HEARTBEAT_500,
     "OVERRIDE_PATCH_HEARTBEAT_500",
     "POST /heartbeat as PATCH (500)",
     "Issue a POST request on the `/heartbeat` end point and receive 500 "
     "when you override the Method Verb to a PATCH",
     15,
     {"Use a normal POST Request, but add an X-HTTP-Method-Override header"}},
    {challenge::OVERRIDE_TRACE_HEARTBEAT_501,
     "OVERRIDE_TRACE_HEARTBEAT_501",
     "POST /heartbeat as Trace (501)",
     "Issue a POST request on the `/heartbeat` end point and receive 501 "
     "(Not Implemented) when you override the Method Verb to a TRACE",
     15,
     {"Use a normal POST Request, but add an X-HTTP-Method-Override header"}},
    // Authentication Challenges
    {challenge::CREATE_SECRET_TOKEN_401,
     "CREATE_SECRET_TOKEN_401",
     "POST /secret/token (401)",
     "Issue a POST request on the `/secret/token` end point and receive "
     "401 when Basic auth username/password is not admin/password",
     16,
     {"Remember to add your X-CHALLENGER guid header"}},
    {challenge::CREATE_SECRET_TOKEN_201,
     "CREATE_SECRET_TOKEN_201",
     "POST /secret/token (201)",
     "Issue a POST request on the `/secret/token` end point and receive "
     "201 when Basic auth username/password is admin/password",
     16,
     {"Remember to add your X-CHALLENGER guid header"}},
    // Authorization Challenges
    {challenge::GET_SECRET_NOTE_403,
     "GET_SECRET_NOTE_403",
     "GET /secret/note (403)",
     "Issue a GET request on the `/secret/note` end point and receive 403 "
     "when X-AUTH-TOKEN does not match a valid token",
     17,
     {"Remember to add your X-CHALLENGER guid header"}},
    {challenge::GET_SECRET_NOTE_401,
     "GET_SECRET_NOTE_401",
     "GET /secret/note (401)",
     "Issue a GET request on the `/secret/note` end point and receive 401 "
     "when no X-AUTH-TOKEN header present",
     17,
     {"Remember to add your X-CHALLENGER guid header"}},
    {challenge::GET_SECRET_NOTE_200,
     "GET_SECRET_NOTE_200",
     "GET /secret/note (200)",
     "Issue a GET request on the `/secret/note` end point receive 200 when "
     "valid X-AUTH-TOKEN used - response body should contain the note",
     17,
     {"Remember to add your X-CHALLENGER guid header"}},
    {challenge::POST_SECRET_NOTE_200,
     "POST_SECRET_NOTE_200",
     "POST /secret/note (200)",
     "Issue a POST request on the `/secret/note` end point with a note "
     "payload e.g. {\"note\":\"my note\"} and receive 200 when valid "
     "X-AUTH-TOKEN used. Note is maximum length 100 chars and will be "
     "truncated when stored.",
     17,
     {"Remember to add your X-CHALLENGER guid header"}},
    {challenge::POST_SECRET_NOTE_401,
     "POST_SECRET_NOTE_401",
     "POST /secret/note (401)",
     "Issue a POST request on the `/secret/note` end point with a note "
     "payload {\"note\":\"my note\"} and receive 401 when no X-AUTH-TOKEN "
     "present",
     17,
     {"Remember to add your X-CHALLENGER guid header"}},
    {challenge::POST_SECRET_NOTE_403,
     "POST_SECRET_NOTE_403",
     "POST /secret/note (403)",
     "Issue a POST request on the `/secret/note` end point with a note "
     "payload {\"note\":\"my note\"} and receive 403 when X-AUTH-TOKEN "
     "does not match a valid token",
     17,
     {"Remember to add your X-CHALLENGER guid header"}},
    {challenge::GET_SECRET_NOTE_BEARER_200,
     "GET_SECRET_NOTE_BEARER_200",
     "GET /secret/note (Bearer)",
     "Issue a GET request on the `/secret/note` end point receive 200 when "
     "using the X-AUTH-TOKEN value as an Authorization Bearer token - "
     "response body should contain the note",
     17,
     {"Remember to add your X-CHALLENGER guid header"}},
    {challenge::POST_SECRET_NOTE_BEARER_200,
     "POST_SECRET_NOTE_BEARER_200",
     "POST /secret/note (Bearer)",
     "Issue a POST request on the `/secret/note` end point with a note "
     "payload e.g. {\"note\":\"my note\"} and receive 200 when valid "
     "X-AUTH-TOKEN value used as an Authorization Bearer token. Status "
     "code 200 received. Note is maximum length 100 chars and will be "
     "truncated when stored.",
     17,
     {"Remember to add your X-CHALLENGER guid header"}},
    // Miscellaneous Challenges
    {challenge::DELETE_ALL_TODOS,
     "DELETE_ALL_TODOS",
     "DELETE /todos/{id} (200) all",
     "Issue a DELETE request to successfully delete the last todo in "
     "system so that there are no more todos in the system",
     18,
     {"After deleting the last todo, there will be no todos left in the "
      "application",
      "Make sure you don't use {id} in the url, replace that with the id "
      "of a todo e.g. /todos/1",
      "You have to delete all the todo items in the system to complete "
      "this challenge"}},
    {challenge::POST_ALL_TODOS,
     "POST_ALL_TODOS",
     "POST /todos (201) all",
     "Issue as many POST requests as it takes to add the maximum number of "
     "TODOS allowed for a user. The maximum number should be listed in the "
     "documentation.",
     18,
     {}},
  };
  return table;
}

} // namespace

namespace catalogue {

const std::vector<challenge_info>& classic() {
  return challenge_table();
}

} // namespace catalogue

const std::vector<section_info>& sections() {
  return section_table();
}

const challenge_info& info(challenge x) {
  if (index_of(x) < challenge_count)
    return challenge_table()[index_of(x)];
  return *edition_of(edition_id::y2026).find(x);
}

std::string_view key_name(challenge x) {
  // The 2026 names of classic challenges are aliases; the enum name is
  // the classic one.
  return info(x).key_name;
}

std::optional<challenge> challenge_from_key(std::string_view key_name) {
  for (const auto& entry : challenge_table())
    if (entry.key_name == key_name)
      return entry.key;
  // The 2026-only challenges, and the 2026 names of renamed ones.
  for (const auto& entry : catalogue::y2026())
    if (entry.key_name == key_name)
      return entry.key;
  return std::nullopt;
}

challenge_set challenge_set::for_config(const api_config& cfg) {
  auto defines = [&cfg](challenge x) {
    switch (x) {
      case challenge::GET_RESTORE_EXISTING_CHALLENGER:
      case challenge::POST_RESTORE_EXISTING_CHALLENGER:
        // Only when the persistence layer saves and the app is multi-user.
        return cfg.mode == user_mode::multi_user && cfg.storage;
      case challenge::PUT_NEW_RESTORED_CHALLENGER_PROGRESS_STATUS:
        return cfg.mode == user_mode::multi_user;
      default: return true;
    }
  };
  challenge_set result;
  result.edition_ = &edition_of(cfg.edition);
  for (const auto& entry : *result.edition_->catalogue) {
    if (defines(entry.key)) {
      result.items_.push_back(entry.key);
      result.defined_.set(index_of(entry.key));
      result.ids_[index_of(entry.key)] = static_cast<uint8_t>(
        result.items_.size());
    }
  }
  return result;
}

const edition_def& challenge_set::edition() const noexcept {
  return edition_ != nullptr ? *edition_ : edition_of(edition_id::classic);
}

const challenge_info& challenge_set::info(challenge x) const {
  if (auto entry = edition().find(x))
    return *entry;
  return model::info(x);
}

int challenge_set::id_of(challenge x) const noexcept {
  return ids_[index_of(x)];
}

} // namespace model
