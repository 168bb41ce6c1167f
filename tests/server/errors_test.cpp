// Every error class over real HTTP: authentication and isolation between keys, bad JSON, unknown
// fields, impossible specs, bad uploads, bodies too large, unknown routes. Each answers 4xx with
// {"error": {"field","value","accepted","message"}}, the same message the CLI prints.
#include <fstream>

#include "base/data_dir.h"
#include "base/error.h"
#include "server_fixture.h"
#include "spec/lexicon.h"
#include "spec/resolve.h"

namespace tunesmith::server::testing {
namespace {

void expect_error_shape(const Reply& r) {
    ASSERT_TRUE(r.json.contains("error")) << r.body;
    for (const char* field : {"field", "value", "accepted", "message"})
        EXPECT_TRUE(r.json["error"].contains(field)) << field << " missing in " << r.body;
}

// The message the CLI prints for this spec JSON (the library's InputError), for comparison.
std::string cli_message(const std::string& spec_json) {
    SpecRequest request;
    request.spec_json = nlohmann::json::parse(spec_json);
    try {
        resolve_spec(request, load_lexicon(default_data_dir()));
    } catch (const InputError& e) {
        return e.what();
    }
    return "no error";
}

TEST_F(ServerTest, MissingWrongAndRevokedKeysGet401) {
    start();
    auto c = client();
    const Reply missing = reply_of(c.Post("/v1/explain", "{}", "application/json"));
    EXPECT_EQ(missing.status, 401);
    expect_error_shape(missing);
    EXPECT_EQ(missing.json["error"]["field"], "Authorization");
    EXPECT_EQ(missing.headers.find("WWW-Authenticate")->second, "Bearer");

    EXPECT_EQ(post_json("/v1/explain", "tsk_not-a-key", "{}").status, 401);
    const Reply basic = reply_of(c.Get("/v1/jobs", {{"Authorization", "Basic " + key_a}}));
    EXPECT_EQ(basic.status, 401);

    KeyStore keys(data_dir);
    const NewApiKey doomed = keys.create("doomed");
    EXPECT_EQ(post_json("/v1/explain", doomed.secret, "{}").status, 200);
    ASSERT_TRUE(keys.revoke(doomed.info.id));
    EXPECT_EQ(post_json("/v1/explain", doomed.secret, "{}").status, 401);
}

TEST_F(ServerTest, AJobIsInvisibleToOtherKeys) {
    start();
    const Reply created = post_json("/v1/cues", key_a, kShortScoreOnly);
    ASSERT_EQ(created.status, 202);
    const std::string id = created.json["id"];
    ASSERT_EQ(wait_for(id, key_a)["state"], "done");
    const Reply other = get("/v1/jobs/" + id, key_b);
    EXPECT_EQ(other.status, 404);
    expect_error_shape(other);
    EXPECT_EQ(get("/v1/jobs/" + id + "/files/cue.json", key_b).status, 404);
    EXPECT_EQ(del("/v1/jobs/" + id, key_b).status, 404);
    EXPECT_TRUE(get("/v1/jobs", key_b).json["jobs"].empty());
    EXPECT_EQ(get("/v1/jobs/" + id, key_a).status, 200);
}

TEST_F(ServerTest, MalformedJsonIs400NamingTheBody) {
    start();
    const Reply r = post_json("/v1/cues", key_a, R"({"prompt": "calm", )");
    EXPECT_EQ(r.status, 400);
    expect_error_shape(r);
    EXPECT_EQ(r.json["error"]["field"], "body");
    const Reply array = post_json("/v1/explain", key_a, "[1, 2]");
    EXPECT_EQ(array.status, 400);
    EXPECT_EQ(array.json["error"]["field"], "body");
}

TEST_F(ServerTest, UnknownFieldIs422WithTheCliMessage) {
    start();
    const std::string body = R"({"prompt": "calm", "tempo": 90})";
    const Reply r = post_json("/v1/cues", key_a, body);
    EXPECT_EQ(r.status, 422);
    expect_error_shape(r);
    EXPECT_EQ(r.json["error"]["field"], "tempo");
    EXPECT_EQ(r.json["error"]["message"], cli_message(body));
    EXPECT_TRUE(get("/v1/jobs", key_a).json["jobs"].empty());  // no job was created
}

TEST_F(ServerTest, ImpossibleSpecIs422NamingTheField) {
    start();
    for (const std::string body : {R"({"bpm": 1000})", R"({"length_s": -4})", R"({"key": "H minor"})",
                                   R"({"length_s": 10, "hits": [{"time_s": 30}]})"}) {
        const Reply r = post_json("/v1/cues", key_a, body);
        EXPECT_EQ(r.status, 422) << body << " -> " << r.body;
        expect_error_shape(r);
        EXPECT_EQ(r.json["error"]["message"], cli_message(body)) << body;
        EXPECT_FALSE(r.json["error"]["field"].get<std::string>().empty()) << body;
    }
    const Reply option = post_json("/v1/cues", key_a, R"({"prompt": "calm", "audio": "no"})");
    EXPECT_EQ(option.status, 422);
    EXPECT_EQ(option.json["error"]["field"], "audio");
}

TEST_F(ServerTest, BadUploadsAre4xxNamingThePart) {
    start();
    auto c = client();
    httplib::MultipartFormDataItems not_audio = {{"vocal", "this is not audio", "song.wav", "audio/wav"}};
    const Reply bad_media = reply_of(c.Post("/v1/accompaniments", auth(key_a), not_audio));
    EXPECT_EQ(bad_media.status, 422) << bad_media.body;
    expect_error_shape(bad_media);
    EXPECT_EQ(bad_media.json["error"]["value"], "song.wav");  // the client's name, not a server path

    httplib::MultipartFormDataItems no_file = {{"spec", "{}", "", ""}};
    const Reply missing = reply_of(c.Post("/v1/accompaniments", auth(key_a), no_file));
    EXPECT_EQ(missing.status, 422);
    EXPECT_EQ(missing.json["error"]["field"], "vocal");

    httplib::MultipartFormDataItems not_video = {{"video", std::string(4096, 'x'), "clip.mp4", "video/mp4"}};
    const Reply bad_video = reply_of(c.Post("/v1/video-scores", auth(key_a), not_video));
    EXPECT_EQ(bad_video.status, 422) << bad_video.body;
    EXPECT_EQ(bad_video.json["error"]["value"], "clip.mp4");

    httplib::MultipartFormDataItems unknown_part = {{"video", "x", "clip.mp4", "video/mp4"}, {"colour", "red", "", ""}};
    const Reply unknown = reply_of(c.Post("/v1/video-scores", auth(key_a), unknown_part));
    EXPECT_EQ(unknown.status, 400);
    EXPECT_EQ(unknown.json["error"]["field"], "colour");

    httplib::MultipartFormDataItems bad_spec = {{"vocal", "x", "a.wav", "audio/wav"}, {"spec", R"({"bpm": 1000})", "", ""}};
    const Reply spec = reply_of(c.Post("/v1/accompaniments", auth(key_a), bad_spec));
    EXPECT_EQ(spec.status, 422);
    EXPECT_EQ(spec.json["error"]["field"], "bpm");

    const Reply json_upload = post_json("/v1/accompaniments", key_a, "{}");
    EXPECT_EQ(json_upload.status, 400);
    EXPECT_EQ(json_upload.json["error"]["field"], "body");
    EXPECT_TRUE(get("/v1/jobs", key_a).json["jobs"].empty());
    EXPECT_TRUE(std::filesystem::is_empty(data_dir / "uploads"));  // refused uploads are not kept
}

TEST_F(ServerTest, TooLargeBodiesAre413WithJson) {
    ServerOptions o = options();
    o.max_upload_bytes = 64 << 10;
    o.max_json_bytes = 4 << 10;
    start(o);
    auto c = client();
    httplib::MultipartFormDataItems big = {{"vocal", std::string(256 << 10, 'x'), "big.wav", "audio/wav"}};
    const Reply upload = reply_of(c.Post("/v1/accompaniments", auth(key_a), big));
    EXPECT_EQ(upload.status, 413);  // refused from Content-Length, before it is read
    expect_error_shape(upload);
    httplib::MultipartFormDataItems over = {{"vocal", std::string(100 << 10, 'x'), "over.wav", "audio/wav"}};
    const Reply streamed = reply_of(c.Post("/v1/accompaniments", auth(key_a), over));
    EXPECT_EQ(streamed.status, 413);  // counted while streamed to disk
    EXPECT_EQ(streamed.json["error"]["field"], "vocal");
    EXPECT_TRUE(std::filesystem::is_empty(data_dir / "uploads"));

    const std::string long_prompt = R"({"prompt": ")" + std::string(8 << 10, 'a') + R"("})";
    const Reply json = post_json("/v1/explain", key_a, long_prompt);
    EXPECT_EQ(json.status, 413);
    EXPECT_EQ(json.json["error"]["field"], "body");
}

TEST_F(ServerTest, UnknownRoutesAndIdsAre404Json) {
    start();
    const Reply route = get("/v1/nothing", key_a);
    EXPECT_EQ(route.status, 404);
    expect_error_shape(route);
    const Reply job = get("/v1/jobs/0123456789abcdef0123456789abcdef", key_a);
    EXPECT_EQ(job.status, 404);
    EXPECT_EQ(job.json["error"]["field"], "id");
}

}  // namespace
}  // namespace tunesmith::server::testing
