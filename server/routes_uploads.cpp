// The upload routes: POST /v1/accompaniments (a vocal) and POST /v1/video-scores (a video), each a
// multipart form of the media file plus an optional "spec" (CueSpec JSON) and options. The media is
// streamed to a scratch folder (bounded by --max-upload-mb), checked before a job exists
// (unreadable media answers 422 naming the part), then moved under the job and queued.
#include <array>
#include <cctype>
#include <fstream>
#include <map>
#include <set>

#include <sodium.h>

#include "audio/audio_reader.h"
#include "server/api_error.h"
#include "server/context.h"
#include "spec/cue_spec_json.h"
#include "spec/resolve.h"
#include "video/conditioning.h"
#include "video/decoder.h"

namespace tunesmith::server {
namespace fs = std::filesystem;

namespace {

// Room for the text parts and multipart boundaries beside the media file.
constexpr std::size_t kFormOverheadBytes = 64u << 10;

struct UploadKind {
    JobKind kind;
    const char* file_part;                 // "vocal" or "video"
    std::set<std::string> option_parts;    // accepted text parts besides "spec" and "prompt"
};

const UploadKind kAccompaniment{JobKind::accompaniment, "vocal", {"chords", "isolate", "audio"}};
const UploadKind kVideoScore{JobKind::video_score, "video", {"hits", "mux", "audio", "cuts"}};

std::string accepted_parts(const UploadKind& kind) {
    std::string list = std::string(kind.file_part) + " (file), spec, prompt";
    for (const auto& p : kind.option_parts) list += ", " + p;
    return list;
}

// A safe stored name: the part name plus the upload's extension (letters and digits only).
std::string stored_name(const UploadKind& kind, const std::string& filename) {
    std::string ext = fs::path(filename).extension().string();
    std::string clean;
    for (char c : ext.size() > 1 ? ext.substr(1) : std::string())
        if (std::isalnum(static_cast<unsigned char>(c)) && clean.size() < 8)
            clean += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return std::string(kind.file_part) + (clean.empty() ? "" : "." + clean);
}

bool parse_bool_part(const std::string& name, const std::string& text) {
    if (text == "true" || text == "1") return true;
    if (text == "false" || text == "0") return false;
    throw HttpError(422, name, text, "true or false", name + ": '" + text + "' is not accepted; expected true or false");
}

// The job request from the text parts: {"spec": {...}, options...}. Unknown parts are refused.
nlohmann::json request_from_parts(const std::map<std::string, std::string>& parts, const UploadKind& kind) {
    nlohmann::json spec = nlohmann::json::object();
    nlohmann::json request = nlohmann::json::object();
    for (const auto& [name, content] : parts) {
        if (name == "spec") {
            try {
                spec = parse_json_text(content, "spec");
            } catch (const InputError& e) {
                throw HttpError(400, error_object(e));
            }
            if (!spec.is_object()) throw HttpError(400, "spec", content.substr(0, 40), "a JSON object (a CueSpec)", "spec: not a JSON object");
        } else if (name == "prompt") {
            request["prompt"] = content;
        } else if (!kind.option_parts.contains(name)) {
            throw HttpError(400, name, "", accepted_parts(kind), name + ": unknown form part; expected " + accepted_parts(kind));
        } else if (name == "isolate" || name == "mux" || name == "audio") {
            request[name] = parse_bool_part(name, content);
        } else if (name == "hits") {
            parse_hit_selection(content);  // InputError -> 422 now rather than a failed job
            request[name] = content;
        } else if (name == "cuts") {
            nlohmann::json cuts = nlohmann::json::array();
            for (std::size_t start = 0; start < content.size();) {
                const std::size_t comma = std::min(content.find(',', start), content.size());
                const std::string item = content.substr(start, comma - start);
                try {
                    std::size_t used = 0;
                    cuts.push_back(std::stod(item, &used));
                    if (used != item.size()) throw std::invalid_argument(item);
                } catch (const std::logic_error&) {
                    throw HttpError(422, "cuts", item, "seconds, comma-separated (e.g. 4.5,12)", "cuts: '" + item + "' is not accepted; expected seconds");
                }
                start = comma + 1;
            }
            request[name] = cuts;
        } else {
            request[name] = content;
        }
    }
    if (request.contains("prompt")) {
        if (!spec.contains("prompt")) spec["prompt"] = request["prompt"];
        request.erase("prompt");
    }
    request["spec"] = spec;
    return request;
}

// Checks that the saved upload is media the pipeline can read; InputError's value is the client's
// file name, not the server's path.
void check_media(const UploadKind& kind, const fs::path& file, const std::string& client_name) {
    try {
        if (kind.kind == JobKind::video_score) {
            probe_video(file);
        } else {
            read_audio_file(file);
        }
    } catch (const InputError& e) {
        const std::string value = e.value() == file.string() ? client_name : e.value();
        throw HttpError(422, error_object(e.field(), value, e.accepted(),
                                          e.field() + ": '" + value + "' is not accepted" +
                                              (e.accepted().empty() ? "" : "; expected " + e.accepted())));
    }
}

// The Content-Length the client declared (0 when absent or unreadable: the stream is then counted).
std::uint64_t declared_length(const httplib::Request& req) {
    const std::string text = req.get_header_value("Content-Length");
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos || text.size() > 18) return 0;
    return std::stoull(text);
}

// A folder under DIR/uploads for one request's file while it is received and checked; removed on
// every path unless the file was moved under a job.
class ScratchDir {
public:
    explicit ScratchDir(const fs::path& uploads) {
        std::array<unsigned char, 12> random{};
        randombytes_buf(random.data(), random.size());
        std::string hex(random.size() * 2 + 1, '\0');
        sodium_bin2hex(hex.data(), hex.size(), random.data(), random.size());
        hex.pop_back();
        path_ = uploads / hex;
        fs::create_directories(path_);
    }
    ~ScratchDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

// What a multipart body held: the media file streamed to disk (never held in memory whole), the
// text parts in memory (each bounded by the JSON limit).
struct ReceivedForm {
    std::map<std::string, std::string> parts;
    std::string client_name;     // the media part's file name as sent
    std::string stored_name;     // its name on disk ("vocal.wav"); empty when no media part came
    std::uintmax_t file_bytes = 0;
    std::string too_large;       // the part that went over its limit
};

ReceivedForm receive_form(const httplib::ContentReader& read, const UploadKind& kind, const fs::path& folder,
                          const ServerOptions& limits) {
    ReceivedForm form;
    std::ofstream file;
    std::string current;  // the part being read
    const bool complete = read(
        [&](const httplib::MultipartFormData& header) {
            current = header.name;
            if (current == kind.file_part) {
                form.client_name = header.filename;
                form.stored_name = stored_name(kind, header.filename);
                file.open(folder / form.stored_name, std::ios::binary | std::ios::trunc);
            } else {
                form.parts[current];
            }
            return true;
        },
        [&](const char* data, std::size_t size) {
            if (current == kind.file_part) {
                form.file_bytes += size;
                if (form.file_bytes > limits.max_upload_bytes) form.too_large = current;
                else file.write(data, static_cast<std::streamsize>(size));
            } else {
                std::string& text = form.parts[current];
                if (text.size() + size > limits.max_json_bytes) form.too_large = current;
                else text.append(data, size);
            }
            return form.too_large.empty();  // stop reading at the first part over its limit
        });
    if (!form.too_large.empty()) {
        const std::size_t limit = form.too_large == kind.file_part ? limits.max_upload_bytes : limits.max_json_bytes;
        throw HttpError(413, form.too_large, "more than " + std::to_string(limit) + " bytes",
                        "at most " + std::to_string(limit) + " bytes", form.too_large + ": the part is too large");
    }
    if (!complete) throw HttpError(400, "body", "", "a complete multipart/form-data body", "body: the upload was cut short");
    if (file.is_open()) {
        file.close();
        if (file.fail()) throw std::runtime_error("cannot write the upload into " + folder.string());
    }
    return form;
}

void create_upload_job(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& read,
                       ServerContext& context, const UploadKind& kind) {
    const std::int64_t key = authenticate(req, context);
    if (!req.is_multipart_form_data())
        throw HttpError(400, "body", req.get_header_value("Content-Type"), "multipart/form-data",
                        "body: the request must be multipart/form-data with a '" + std::string(kind.file_part) + "' file");
    if (declared_length(req) > context.options.max_upload_bytes + kFormOverheadBytes)
        throw HttpError(413, "body", req.get_header_value("Content-Length") + " bytes",
                        "at most " + std::to_string(context.options.max_upload_bytes) + " bytes of media",
                        "body: the upload is too large");
    const ScratchDir scratch(context.jobs.data_dir() / "uploads");
    const ReceivedForm form = receive_form(read, kind, scratch.path(), context.options);
    if (form.stored_name.empty() || form.file_bytes == 0)
        throw HttpError(422, kind.file_part, "", "a media file part named '" + std::string(kind.file_part) + "'",
                        std::string(kind.file_part) + ": missing");
    nlohmann::json request = request_from_parts(form.parts, kind);
    SpecRequest spec_request;
    spec_request.spec_json = request["spec"];
    resolve_spec(spec_request, context.lexicon);  // a malformed spec is refused before the upload is kept
    check_media(kind, scratch.path() / form.stored_name, form.client_name);
    request["upload"] = form.stored_name;
    request["upload_filename"] = form.client_name;

    const JobRecord job = context.jobs.create(key, kind.kind, request, nullptr);
    fs::rename(scratch.path(), context.runner.upload_dir(job.id));
    enqueue_or_refuse(context, job);
    res.set_header("Location", "/v1/jobs/" + job.id);
    send_json(res, 202, job_json(job));
}

}  // namespace

void register_upload_routes(httplib::Server& http, ServerContext& context) {
    for (const UploadKind* kind : {&kAccompaniment, &kVideoScore}) {
        const std::string path = kind == &kAccompaniment ? "/v1/accompaniments" : "/v1/video-scores";
        http.Post(path, [&context, kind](const httplib::Request& req, httplib::Response& res,
                                         const httplib::ContentReader& read) {
            guarded([&](const httplib::Request& r, httplib::Response& out) {
                create_upload_job(r, out, read, context, *kind);
            })(req, res);
        });
    }
}

}  // namespace tunesmith::server
