// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: RequestFramer, fed in the splits the input picks, must read every stream
// exactly as a second, independent reading over the whole buffer does (same messages, same
// bytes per message, same refusal and status), and keep its buffers bounded.
//
// Input: 4 configuration bytes, then the stream.
//   [0] split: 0 whole, 1 byte by byte, else pieces of random sizes (seeded by it)
//   [1] body limit, [2] a tighter limit set after each head (0: none), [3] head and field limits
#include "server/requestframer.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using Corral::RequestFramer;

namespace {

struct Config
{
    RequestFramer::Limits limits;
    int64_t tighter = -1; // setBodyLimit() after every head, -1: never
    uint8_t split = 0;
};

struct Message
{
    std::string method;
    std::string path;
    int64_t consumed = 0;   // bytes of the whole message, leading CRLFs included
    int64_t bodyLength = 0; // bytes after the head (chunk framing included)
    bool operator==(const Message &other) const
    {
        return method == other.method && path == other.path && consumed == other.consumed
            && bodyLength == other.bodyLength;
    }
};

enum class End { Idle, Incomplete, Refused };

struct Reading
{
    std::vector<Message> messages;
    End end = End::Idle;
    int status = 0;
};

// ---------------------------------------------------------------------------------------------
// The reference: a strict RFC 9112 reader over the complete buffer, one recursive-descent pass.
// Running out of input means "incomplete"; any byte that cannot continue a valid request
// refuses the stream with its status, as soon as that byte is reached.

struct Stop
{
    int status; // 0: the input ended
};

class Reference
{
public:
    Reference(const uint8_t *data, size_t size, const Config &config)
        : m_data(data)
        , m_size(size)
        , m_config(config)
    {
    }

    Reading read()
    {
        Reading reading;
        while (m_pos < m_size) {
            const size_t start = m_pos;
            try {
                Message message = readMessage();
                message.consumed = int64_t(m_pos - start);
                reading.messages.push_back(message);
            } catch (const Stop &stop) {
                reading.end = stop.status ? End::Refused : End::Incomplete;
                reading.status = stop.status;
                return reading;
            }
        }
        return reading;
    }

private:
    static bool tchar(uint8_t c)
    {
        static const std::string extra = "!#$%&'*+-.^_`|~";
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
            || (c != 0 && extra.find(char(c)) != std::string::npos);
    }
    static int hex(uint8_t c)
    {
        const std::string digits = "0123456789abcdef";
        const size_t at = digits.find(char(c >= 'A' && c <= 'F' ? c + 32 : c));
        return c != 0 && at != std::string::npos ? int(at) : -1;
    }
    static std::string lower(std::string text)
    {
        for (char &c : text)
            c = (c >= 'A' && c <= 'Z') ? char(c + 32) : c;
        return text;
    }
    static std::string trimmed(const std::string &text)
    {
        size_t from = 0;
        size_t to = text.size();
        while (from < to && (text[from] == ' ' || text[from] == '\t'))
            ++from;
        while (to > from && (text[to - 1] == ' ' || text[to - 1] == '\t'))
            --to;
        return text.substr(from, to - from);
    }
    static bool listHas(const std::string &value, const std::string &token)
    {
        size_t from = 0;
        while (true) {
            const size_t comma = value.find(',', from);
            if (lower(trimmed(value.substr(from, comma - from))) == token)
                return true;
            if (comma == std::string::npos)
                return false;
            from = comma + 1;
        }
    }

    [[noreturn]] static void refuse(int status) { throw Stop{status}; }

    uint8_t any()
    {
        if (m_pos >= m_size)
            throw Stop{0};
        return m_data[m_pos++];
    }
    uint8_t headByte()
    {
        if (m_pos >= m_size)
            throw Stop{0};
        if (m_pos - m_headStart >= size_t(m_config.limits.maxHeadBytes))
            refuse(431);
        return m_data[m_pos++];
    }
    uint8_t lineByte()
    {
        if (m_pos >= m_size)
            throw Stop{0};
        if (m_line >= size_t(RequestFramer::MaxChunkLineBytes))
            refuse(400);
        ++m_line;
        return m_data[m_pos++];
    }
    void crlf(uint8_t cr)
    {
        if (cr != '\r' || headByte() != '\n')
            refuse(400);
    }

    Message readMessage()
    {
        m_headStart = m_pos;
        Message message;
        int emptyLines = 0;
        uint8_t c = headByte();
        while (c == '\r') {
            if (headByte() != '\n' || ++emptyLines > RequestFramer::MaxLeadingEmptyLines)
                refuse(400);
            c = headByte();
        }
        while (c != ' ') {
            if (!tchar(c))
                refuse(400);
            message.method += char(c);
            c = headByte();
        }
        static const std::vector<std::string> methods = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
        if (message.method.empty())
            refuse(400);
        bool known = false;
        for (const std::string &method : methods)
            known = known || method == message.method;
        if (!known)
            refuse(501);
        std::string target;
        for (c = headByte(); c != ' '; c = headByte()) {
            if (c < 0x21 || c > 0x7e || c == '#' || (target.empty() && c != '/'))
                refuse(400);
            target += char(c);
        }
        if (target.empty())
            refuse(400);
        message.path = target.substr(0, target.find('?'));
        std::string version;
        for (c = headByte(); c != '\r'; c = headByte()) {
            if (c == '\n' || version.size() == 8)
                refuse(400);
            version += char(c);
        }
        const bool http10 = version == "HTTP/1.0";
        if (version.size() != 8 || version.compare(0, 5, "HTTP/") != 0 || version[6] != '.'
            || version[5] < '0' || version[5] > '9' || version[7] < '0' || version[7] > '9')
            refuse(400);
        if (!http10 && version != "HTTP/1.1")
            refuse(505);
        crlf('\r');

        std::vector<std::pair<std::string, std::string>> fields;
        for (c = headByte(); c != '\r'; c = headByte()) {
            if (!tchar(c))
                refuse(400); // obs-fold, a bare LF, an empty name...
            if (int(fields.size()) >= m_config.limits.maxFields)
                refuse(431);
            std::string name(1, char(c));
            for (c = headByte(); c != ':'; c = headByte()) {
                if (!tchar(c))
                    refuse(400);
                name += char(c);
            }
            std::string value;
            for (c = headByte(); c != '\r'; c = headByte()) {
                if (c != '\t' && (c < 0x20 || c == 0x7f))
                    refuse(400);
                value += char(c);
            }
            crlf(c);
            fields.emplace_back(lower(name), trimmed(value));
        }
        crlf(c);

        int hosts = 0, lengths = 0, codings = 0;
        bool bad = false, upgrade = false, badExpect = false;
        std::string length, coding;
        for (const auto &[name, value] : fields) {
            if (name == "host") {
                ++hosts;
                bad = bad || (!http10 && value.empty());
            } else if (name == "content-length") {
                ++lengths;
                length = value;
            } else if (name == "transfer-encoding") {
                ++codings;
                coding = value;
            } else if (name == "connection") {
                upgrade = upgrade || lower(value).find("upgrade") != std::string::npos;
            } else if (name == "upgrade") {
                upgrade = true;
            } else if (name == "expect") {
                badExpect = badExpect || lower(value) != "100-continue";
            }
        }
        bad = bad || hosts > 1 || (!http10 && hosts == 0) || lengths > 1 || codings > 1 || upgrade;
        bad = bad || (lengths == 1 && (length.empty() || length.find_first_not_of("0123456789") != std::string::npos));
        bad = bad || (codings == 1 && (lower(coding) != "chunked" || http10 || lengths > 0));
        if (bad)
            refuse(400);
        if (badExpect)
            refuse(417);
        int64_t contentLength = 0;
        if (lengths == 1) {
            const std::string digits = length.substr(std::min(length.find_first_not_of('0'), length.size()));
            if (digits.size() > 18)
                refuse(413);
            contentLength = digits.empty() ? 0 : std::stoll(digits);
        }
        int64_t limit = m_config.limits.maxBodyBytes;
        if (contentLength > limit)
            refuse(413);
        const size_t bodyStart = m_pos;
        // The head is complete: the caller tightens the limit now.
        if (m_config.tighter >= 0) {
            limit = m_config.tighter;
            if (contentLength > limit)
                refuse(413);
        }
        if (codings == 1)
            readChunks(limit);
        else if (m_size - m_pos < uint64_t(contentLength))
            throw Stop{0};
        else
            m_pos += size_t(contentLength);
        message.bodyLength = int64_t(m_pos - bodyStart);
        return message;
    }

    void readChunks(int64_t limit)
    {
        int64_t cost = 0;
        while (true) {
            m_line = 0;
            uint64_t size = 0;
            int digits = 0;
            uint8_t c = lineByte();
            for (; hex(c) >= 0; c = lineByte()) {
                if (++digits > 16)
                    refuse(400);
                size = size * 16 + uint64_t(hex(c));
            }
            if (digits == 0)
                refuse(400);
            if (c == ';') {
                for (c = lineByte(); c != '\r'; c = lineByte()) {
                    if (c != '\t' && (c < 0x20 || c > 0x7e))
                        refuse(400);
                }
            }
            if (c != '\r' || lineByte() != '\n')
                refuse(400);
            const int64_t framing = int64_t(m_line) + 2 + (size ? RequestFramer::PerChunkCost : 0);
            if (size > uint64_t(limit) || cost + framing + int64_t(size) > limit)
                refuse(413);
            cost += framing + int64_t(size);
            if (size == 0) {
                if (any() != '\r' || any() != '\n')
                    refuse(400); // trailers, or a bare CR
                return;
            }
            if (m_size - m_pos < size)
                throw Stop{0};
            m_pos += size_t(size);
            if (any() != '\r' || any() != '\n')
                refuse(400);
        }
    }

    const uint8_t *m_data;
    size_t m_size;
    Config m_config;
    size_t m_pos = 0;
    size_t m_headStart = 0;
    size_t m_line = 0;
};

// ---------------------------------------------------------------------------------------------

[[noreturn]] void disagree(const char *what)
{
    std::fprintf(stderr, "RequestFramer disagrees with the reference: %s\n", what);
    std::abort();
}

void check(bool condition, const char *what)
{
    if (!condition)
        disagree(what);
}

std::vector<size_t> pieces(size_t size, uint8_t split)
{
    std::vector<size_t> lengths;
    if (split == 0) {
        lengths.push_back(size);
        return lengths;
    }
    uint32_t state = split * 2654435761u;
    const uint32_t longest = split == 1 ? 1 : 1 + split % 64;
    for (size_t done = 0; done < size;) {
        state = state * 1103515245u + 12345u;
        const size_t length = std::min<size_t>(size - done, 1 + (state >> 8) % longest);
        lengths.push_back(length);
        done += length;
    }
    return lengths;
}

Reading frame(const uint8_t *data, size_t size, const Config &config)
{
    RequestFramer framer(config.limits);
    Reading reading;
    const int64_t bufferBound = config.limits.maxHeadBytes + 1024;
    int64_t offset = 0;
    int64_t begin = 0;
    int64_t bodyBegin = 0;
    std::string method, path;
    size_t at = 0;
    for (const size_t length : pieces(size, config.split)) {
        QByteArrayView piece(reinterpret_cast<const char *>(data) + at, qsizetype(length));
        at += length;
        while (true) {
            const RequestFramer::Step step = framer.feed(piece);
            check(step.consumed >= 0 && step.consumed <= piece.size(), "consumed more than it was given");
            check(framer.bufferedBytes() <= bufferBound, "buffered more than maxHeadBytes + 1 KiB");
            piece = piece.sliced(step.consumed);
            offset += step.consumed;
            switch (step.event) {
            case RequestFramer::Event::NeedMore:
                check(piece.isEmpty(), "NeedMore with bytes left");
                break;
            case RequestFramer::Event::Error: {
                reading.end = End::Refused;
                reading.status = framer.errorStatus();
                check(!framer.errorMessage().isEmpty() && !framer.errorReason().isEmpty(), "an error without words");
                const RequestFramer::Step again = framer.feed("GET / HTTP/1.1\r\n");
                check(again.consumed == 0 && again.event == RequestFramer::Event::Error, "read on after an error");
                return reading;
            }
            case RequestFramer::Event::HeadComplete:
                check(framer.inBody(), "not in the body after its head");
                check(framer.head().headBytes == offset - begin, "headBytes is not the head's length");
                method = framer.head().method.toStdString();
                path = framer.head().path.toStdString();
                bodyBegin = offset;
                if (config.tighter >= 0 && !framer.setBodyLimit(config.tighter)) {
                    reading.end = End::Refused;
                    reading.status = framer.errorStatus();
                    return reading;
                }
                continue;
            case RequestFramer::Event::MessageComplete:
                check(framer.idleBetweenMessages() && !framer.inBody(), "not idle after a message");
                check(framer.bodyCost() <= framer.bodyLimit(), "a body over its limit was accepted");
                reading.messages.push_back({method, path, offset - begin, offset - bodyBegin});
                begin = offset;
                continue;
            }
            break;
        }
    }
    reading.end = framer.idleBetweenMessages() ? End::Idle : End::Incomplete;
    return reading;
}

Config configure(const uint8_t *data)
{
    static const int64_t bodyLimits[] = {0, 1, 16, 300, 1000, 4096, 65536, 100 << 20};
    static const int64_t tighterLimits[] = {0, 10, 600, 5000};
    static const qsizetype headLimits[] = {64, 200, 1024, 64 * 1024};
    static const int fieldLimits[] = {100, 100, 3, 1};
    Config config;
    config.split = data[0];
    config.limits.maxBodyBytes = bodyLimits[data[1] % 8];
    config.tighter = data[2] == 0 ? -1 : tighterLimits[(data[2] - 1) % 4];
    config.limits.maxHeadBytes = headLimits[data[3] & 3];
    config.limits.maxFields = fieldLimits[(data[3] >> 2) & 3];
    return config;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4)
        return 0;
    const Config config = configure(data);
    const Reading framed = frame(data + 4, size - 4, config);
    const Reading reference = Reference(data + 4, size - 4, config).read();
    check(framed.messages.size() == reference.messages.size(), "a different number of messages");
    for (size_t i = 0; i < framed.messages.size(); ++i)
        check(framed.messages[i] == reference.messages[i], "a message read differently");
    check(framed.end == reference.end, "a different ending (idle, incomplete or refused)");
    check(framed.status == reference.status, "a different status");
    return 0;
}
