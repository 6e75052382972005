import Crypto
import Foundation

/// The web page's sign-in: a token exchanged once (POST /signin) for an HttpOnly, SameSite=Strict
/// cookie, so a token never appears in a URL. The cookie is stateless — the token's name and an
/// expiry, signed with HMAC-SHA256 under a key made at server start — so the server keeps no
/// mutable session table. Restarting the server signs everyone out; a cookie cannot be revoked
/// before it expires (``lifetime``) except by restarting or removing the token.
public struct SessionCookies: Sendable {
    public static let name = "sitematch_session"
    /// How long a sign-in lasts.
    public static let lifetime: TimeInterval = 8 * 3600
    /// The signing key's bytes (SymmetricKey itself is not `Sendable`).
    private let keyBytes: [UInt8]
    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    /// A fresh random 256-bit key, or `keyBytes` (tests).
    public init(keyBytes: [UInt8]? = nil) {
        self.keyBytes = keyBytes ?? SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    }

    /// The cookie value for `tokenName`, valid until `now + lifetime`.
    public func value(for tokenName: String, now: Date = Date()) -> String {
        let payload = Data("\(Int(now.timeIntervalSince1970 + Self.lifetime))|\(tokenName)".utf8)
        let mac = Data(HMAC<SHA256>.authenticationCode(for: payload, using: key))
        return Self.base64URL(payload) + "." + Self.base64URL(mac)
    }

    /// The token name a cookie value carries, or nil when it is forged, malformed or expired.
    public func tokenName(from value: String, now: Date = Date()) -> String? {
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = Self.data(base64URL: String(parts[0])), let mac = Self.data(base64URL: String(parts[1])),
              HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: payload, using: key),
              let text = String(data: payload, encoding: .utf8), let bar = text.firstIndex(of: "|"),
              let expiry = Int(text[..<bar]), Double(expiry) > now.timeIntervalSince1970 else { return nil }
        return String(text[text.index(after: bar)...])
    }

    /// The `Set-Cookie` header value that signs in (`value`) or out (nil).
    public static func header(_ value: String?, secure: Bool) -> String {
        let attributes = "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
        guard let value else { return "\(name)=; Max-Age=0" + attributes }
        return "\(name)=\(value); Max-Age=\(Int(lifetime))" + attributes
    }

    /// This cookie's value in a `Cookie` request header, if present.
    public static func value(inCookieHeader header: String) -> String? {
        for pair in header.split(separator: ";") {
            let trimmed = pair.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix(name + "=") { return String(trimmed.dropFirst(name.count + 1)) }
        }
        return nil
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func data(base64URL text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}
