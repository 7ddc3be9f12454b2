#if canImport(SwiftUI)
import Foundation
import NoContactKit

/// Fixed records for the previews (what the core would return).
enum PreviewData {
    static let today = LocalDate(year: 2026, month: 12, day: 2)
    static let instant = Date(timeIntervalSince1970: 1_796_000_000)

    static let sam = Person(
        id: "0123456789abcdef0123456789abcdef", alias: "Sam", relationship: .exPartner, mode: .noContact,
        noContactSince: LocalDate(year: 2026, month: 9, day: 1), blockedOn: [.call, .text], notes: "",
        archived: false, createdAt: instant, updatedAt: instant)

    static let archivedSam = Person(
        id: sam.id, alias: sam.alias, relationship: sam.relationship, mode: sam.mode,
        noContactSince: sam.noContactSince, blockedOn: sam.blockedOn, notes: "Moved away in March",
        archived: true, createdAt: instant, updatedAt: instant)

    static let boundary = Boundary(
        id: "abcdefabcdefabcdefabcdefabcdef01", statement: "I do not reply to their texts", personId: sam.id,
        kind: .communication, status: .active, setOn: LocalDate(year: 2026, month: 9, day: 1), reviewOn: nil,
        createdAt: instant, updatedAt: instant)

    static let boundaryProgress = BoundaryProgress(
        boundaryId: boundary.id, statement: boundary.statement, status: .active, daysKept: 12,
        lastCrossedOn: LocalDate(year: 2026, month: 11, day: 20), crossedByMe: 1, touchedByThem: 4)

    static func streak(current: UInt32, previous: UInt32?) -> Streak {
        Streak(
            personId: sam.id, alias: sam.alias, startedOn: LocalDate(year: 2026, month: 9, day: 1),
            currentSince: LocalDate(year: 2026, month: 11, day: 20), currentDays: current, longestDays: 61,
            totalDaysKept: 85, daysSinceStart: 92, breaches: previous == nil ? 0 : 1, previousDays: previous,
            milestonesReached: [], nextMilestone: NextMilestone(days: 30, daysLeft: 30 - current, on: today))
    }

    static func summary(current: UInt32 = 12, previous: UInt32? = nil) -> HomeSummary {
        let overall = Self.streak(current: current, previous: previous)
        return HomeSummary(
            today: today, streaks: StreakReport(today: today, overall: overall, people: [overall]),
            nextMilestone: overall.nextMilestone,
            promptOfTheDay: Prompt(
                id: "boundaries-1", theme: .settingBoundaries, text: "What did keeping your distance protect today?",
                builtin: true),
            remindersToday: [], lastCheckIn: nil,
            riskyDateNear: RiskyDate(
                triggerId: "fedcba9876543210fedcba9876543210", name: "Our anniversary", personId: sam.id,
                date: LocalDate(year: 2026, month: 12, day: 7), daysAway: 5))
    }

    static let attempt = Event(
        id: "00112233445566778899aabbccddeeff", kind: .theirAttempt, at: instant, utcOffsetSeconds: 3600,
        recordedAt: instant, revision: 0, amendedAt: nil, loggedWhileLocked: false,
        body: .theirAttempt(
            attempt: TheirAttempt(
                personId: sam.id, channel: .call, handle: "", said: "", saidVerbatim: false, response: .ignored,
                location: "", witnesses: [], feltUnsafe: 0, attachments: [], note: "")))

    static let checkIn = Event(
        id: "ffeeddccbbaa99887766554433221100", kind: .checkIn, at: instant, utcOffsetSeconds: 3600,
        recordedAt: instant, revision: 0, amendedAt: nil, loggedWhileLocked: true,
        body: .checkIn(checkIn: CheckIn(mood: 4, energy: 3, note: "A calm evening", tags: [])))

    static let support = UrgeSupport(
        sessionId: "s", startedAt: instant,
        reasons: [
            MyReason(id: "r", text: "I sleep through the night now", theme: .emotionalHealing, suggestionId: nil,
                     createdAt: instant)
        ],
        planReasons: ["My peace matters"],
        copingSteps: ["Breathe out slowly, five times", "Walk round the block", "Text Alex"],
        peopleToReach: [SupportContact(name: "Alex", howToReach: "+1 555 0100")],
        professionals: [SupportContact(name: "Helpline", howToReach: "+1 555 0199")],
        suggestedWaitMinutes: 15)

    static let plan = SafetyPlan(
        warningSigns: ["I start rereading old messages"], copingStrategies: support.copingSteps,
        distractions: ["A long shower", "The crossword"], peopleToAsk: support.peopleToReach,
        professionals: support.professionals, safeEnvironment: ["Phone in the other room at night"],
        reasons: support.planReasons, ifTheyShowUp: ["Do not open the door", "Call Alex"],
        safePlaces: ["Alex's flat"], codeWord: "blue umbrella",
        goBag: [ChecklistItem(text: "Passport", done: true), ChecklistItem(text: "Charger", done: false)],
        documents: [ChecklistItem(text: "Lease", done: false)])
}
#endif
