import Foundation
import SiteMatchData
import SiteMatchMatching

// The enquiry answer written field by field (see ``FieldWrittenReport``): the same bytes as its
// `Encodable` conformance through `JSONEncoder`, which ReportJSONTests checks on every archetype's
// answer. A property added to these types must be added here too, in its key's sorted place; the
// tests fail until it is.

extension EnquiryReport: FieldWrittenReport {
    func write(to json: inout JSONFieldWriter) {
        json.object { json in
            json.field("data", data)
            json.key("enquiry"); json.value(enquiry)
            if let log {
                json.key("log")
                json.object { json in
                    json.field("data_version", log.dataVersion)
                    json.field("id", log.id)
                    json.field("received_at", Timestamp.text(log.receivedAt))
                    json.field("who", log.who)
                }
            }
            json.key("matches"); Self.write(matches, to: &json)
            json.key("near_misses"); Self.write(nearMisses, to: &json)
            json.field("near_misses_total", nearMissesTotal)
            if let powerToConfirm { json.key("power_to_confirm"); Self.write(powerToConfirm, to: &json) }
            json.field("prior_weight", priorWeight)
            json.field("scored_as", scoredAs)
            json.field("scored_as_description", scoredAsDescription)
            json.field("travel_times", travelTimes)
            json.field("winner_change", winnerChange)
        }
    }

    private static func write(_ entries: [Entry], to json: inout JSONFieldWriter) {
        json.array(entries) { json, entry in entry.write(to: &json) }
    }
}

extension EnquiryReport.Entry {
    func write(to json: inout JSONFieldWriter) {
        json.object { json in
            json.field("location_type", ifPresent: locationType)
            json.field("name", name)
            if let power {
                json.key("power")
                json.array(power) { json, evidence in
                    json.object { json in
                        json.field("grade", evidence.grade.rawValue)
                        json.field("indicator", evidence.indicator)
                        json.field("text", evidence.text)
                    }
                }
            }
            json.field("rank", rank)
            json.field("reason", reason)
            json.key("requirements")
            json.array(requirements) { json, check in check.write(to: &json) }
            json.field("score", score)
            json.field("site_id", siteId)
            json.key("stability")
            json.object { json in
                json.field("p_rank1", stability.pRank1)
                json.field("p_top3", stability.pTop3)
                json.field("rank", stability.rank)
                json.field("rank5", stability.rank5)
                json.field("rank95", stability.rank95)
                json.field("site_id", stability.siteId)
                json.field("word", stability.word)
            }
        }
    }
}

extension EnquiryReport.Check {
    func write(to json: inout JSONFieldWriter) {
        json.object { json in
            json.field("actual", ifPresent: actual)
            json.field("detail", detail)
            json.field("grade", ifPresent: grade?.rawValue)
            json.field("margin", ifPresent: margin)
            json.field("passed", passed)
            json.field("required", ifPresent: required)
            json.field("requirement", requirement)
            json.field("shortfall", shortfall)
            json.field("unit", ifPresent: unit)
            json.field("unknown", unknown)
        }
    }
}
