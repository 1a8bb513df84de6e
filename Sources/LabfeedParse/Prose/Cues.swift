// The words that decide whether a date announces something to attend (docs/PROSE.md lists
// them). French and English are matched together: pages mix them. Everything is folded (lower
// case, no accents), so "Évènement" and "evenement" are one entry.

/// What a phrase says about the date next to it.
enum Cue: Sendable, Hashable {
    /// A gathering: "atelier", "table ronde", "webinar". `generic` nouns ("événement",
    /// "rendez-vous", "session") count as cues but make poor titles; `umbrella` nouns ("mois",
    /// "semaine", "festival") name a season of events when they have a complement.
    case eventNoun(EventNounKind)
    /// "aura lieu", "se tiendra", "organise", "réunit", "join us", "will take place".
    case announce
    /// "a voté", "s'est réuni", "was adopted": a decision or internal meeting told as past.
    case internalPast
    /// "conseil d'administration", "comité de pilotage", "board": bodies that meet internally.
    case internalBody
    /// "réunion", "séance", "meeting": a meeting, public only with another cue.
    case meeting
    /// "candidature", "postuler", "apply", "deadline": a date by which to do something.
    case deadlineTopic
    /// "avant le", "au plus tard", "date limite", "deadline", "no later than", right before a date.
    case deadlineBefore
    /// "publié le", "mis à jour le", "posted on": a publication date.
    case publication
    /// "lettre d'information", "newsletter", "n°": an issue of a periodical.
    case newsletter
    /// "horaires", "ouvert du", "opening hours".
    case hours
    /// "fermeture", "fermé", "closed".
    case closure
    /// "poste", "recrutement", "entretiens", "prise de poste": steps of a job offer.
    case recruitment
    /// "créé", "fondé", "inauguré en", "was founded": the story of a place or body.
    case story
    /// "retour sur", "compte rendu", "replay": a report listed by its publication date.
    case reportTitle
    /// Status words.
    case cancelled, postponed, rescheduled, full, movedOnline
    /// Attendance words.
    case online, inPerson, hybrid
    /// "dans le cadre du", "as part of": the umbrella follows.
    case partOf
}

/// How specific an event noun is.
enum EventNounKind: Sendable, Hashable {
    case specific, generic, umbrella
}

enum Cues {
    static let table: PhraseTable<Cue> = PhraseTable(specs)

    static let specs: [(String, Cue)] = {
        var s: [(String, Cue)] = []
        func add(_ cue: Cue, _ phrases: [String]) { s += phrases.map { ($0, cue) } }
        add(.eventNoun(.specific), [
            // French
            "atelier/ateliers", "table/tables ronde/rondes", "conference/conferences", "conference/conferences debat/debats",
            "journee/journees d etude/etudes", "rencontre/rencontres", "seminaire/seminaires", "webinaire/webinaires",
            "webinar/webinars", "webinaire/webinar en ligne", "forum/forums", "salon/salons", "hackathon/hackathons",
            "formation/formations", "visite/visites", "exposition/expositions", "expo/expos", "festival/festivals",
            "reunion/reunions publique/publiques", "reunion/reunions d information", "reunion/reunions ouverte/ouvertes",
            "petit/petits dejeuner/dejeuners", "soiree/soirees", "lancement", "inauguration", "colloque/colloques",
            "debat/debats", "cine debat", "cafe/cafes debat/debats", "cafe/cafes citoyen/citoyens", "cafe/cafes numerique/numeriques",
            "masterclass", "meetup/meetups", "meet up", "barcamp", "portes/porte ouvertes/ouverte", "projection/projections",
            "spectacle/spectacles", "concert/concerts", "restitution/restitutions", "sprint/sprints", "matinale/matinales",
            "afterwork/afterworks", "assises", "universite/universites d ete", "ceremonie/ceremonies", "remise des prix",
            "conference/conferences de presse", "demonstration/demonstrations", "balade/balades", "parcours decouverte",
            "atelier/ateliers participatif/participatifs", "design sprint", "jeu/jeux serieux",
            "mois de l innovation", "semaine de l innovation", "journee/journees nationale/nationales", "fete/fetes",
            "biennale/biennales", "apero/aperos", "pique nique",
            "vernissage/vernissages", "plenieres/pleniere", "keynote/keynotes", "live", "hackaton",
            "matinee/matinees", "temps d echange/echanges", "apres midi d echange/echanges", "soiree/soirees d echange/echanges",
            "conference/conferences gesticulee/gesticulees", "fresque/fresques", "escape game", "world cafe", "cafe/cafes design",
            // English
            "workshop/workshops", "round table/tables", "roundtable/roundtables", "round/round-table table/tables",
            "conference/conferences", "meetup", "seminar/seminars", "forum", "talk/talks", "launch event", "launch party",
            "exhibition/exhibitions", "open day/days", "open house", "lecture/lectures", "panel/panels", "panel discussion",
            "symposium", "summit/summits", "training/trainings", "screening/screenings", "job fair", "breakfast/breakfasts",
            "reception/receptions", "ceremony/ceremonies", "kick off", "kickoff", "bootcamp/bootcamps", "hackathon",
            "study day", "info session", "information session", "open session", "town hall meeting", "public meeting",
            "get together", "networking event", "showcase",
        ])
        add(.eventNoun(.generic), [
            "evenement/evenements", "evenement/evenements", "rendez/rendez vous", "session/sessions", "journee/journees",
            "manifestation/manifestations", "animation/animations", "temps fort/forts", "edition/editions",
            "event/events", "day", "days", "session", "sessions", "gathering/gatherings", "programme", "program", "launch",
        ])
        add(.eventNoun(.umbrella), [
            "mois", "semaine/semaines", "quinzaine/quinzaines", "printemps", "automne", "month", "week", "fortnight",
        ])
        add(.announce, [
            "aura/auront lieu", "a/ont lieu", "se tiendra/tiendront", "se tient/tiennent", "se deroulera/derouleront",
            "se deroule/deroulent", "organise/organisent/organisera/organiseront", "reunit/reunissent/reunira/reuniront",
            "a/ont reuni", "a/ont organise", "vous invite/invitent", "vous convie/convient", "invite/invitent",
            "venez", "rejoignez nous", "rejoignez", "ouvrira/ouvriront ses/leurs portes", "accueillera/accueilleront",
            "est/sont organise/organisee/organises/organisees", "aura/auront le plaisir", "participez", "save the date",
            "will take place", "takes place", "take place", "will be held", "is held", "are held", "is being held",
            "join us", "invites you", "we invite", "you are invited", "will host", "hosts", "is hosting", "come along",
            "don t miss", "will gather", "brings together", "we are organising", "we are organizing", "is organising",
            "is organizing", "was organized", "was organised", "were organized",
        ])
        add(.internalPast, [
            "a/ont vote", "a/ont adopte", "a/ont approuve", "a/ont valide", "a/ont decide", "a/ont delibere", "a/ont elu",
            "a/ont nomme", "a/ont arrete", "a ete/etaient vote/votee/votes/votees", "a ete/etaient adopte/adoptee/adoptes/adoptees",
            "a ete decide/decidee", "a ete approuve/approuvee", "a ete valide/validee", "s est reuni/reunie", "se sont reunis/reunies",
            "nous nous sommes reunis/reunies", "avons vote", "avons adopte", "avons decide", "avons valide",
            "voted", "adopted", "approved", "decided", "was elected", "were elected", "was appointed", "convened",
            "the board met", "committee met", "council met", "met on",
        ])
        add(.internalBody, [
            "conseil d administration", "conseil municipal", "conseil communautaire", "conseil syndical",
            "commission permanente", "comite de pilotage", "comite directeur", "comite technique", "comite syndical",
            "comite de direction", "comite/comites", "copil", "codir", "bureau", "assemblee generale", "ag",
            "conseil des ministres", "jury", "board", "steering committee", "committee", "board of directors",
            "general assembly", "executive committee",
        ])
        add(.meeting, ["reunion/reunions", "seance/seances", "meeting/meetings", "assemblee/assemblees",
                       "s est tenu/tenue/tenus/tenues", "se sont tenus/tenues"])
        add(.deadlineTopic, [
            "candidature/candidatures", "candidater", "postuler", "depot des dossiers", "depot des candidatures",
            "dossier/dossiers de candidature", "appel a projets/candidatures/contributions/manifestation",
            "inscriptions closes", "cloture des inscriptions", "cloture des candidatures",
            "apply", "applications", "application", "submissions", "submit", "call for proposals/papers/projects",
            "inscription/inscriptions jusqu", "s inscrire avant", "repondre avant", "envoyer avant", "retour des dossiers",
        ])
        add(.deadlineBefore, [
            "avant le", "avant", "au plus tard le", "au plus tard", "date limite", "date limite de candidature",
            "date limite de depot", "date limite d inscription", "limite", "deadline/deadlines", "no later than", "before", "by", "due",
            "cloture le", "cloture", "closes on", "closing date", "echeance",
        ])
        add(.publication, [
            "publie/publiee/publies/publiees le", "publie/publiee/publies/publiees", "mis/mise en ligne le", "mis/mise a jour le",
            "mise a jour", "mis a jour", "derniere mise a jour", "modifie/modifiee le", "modifie/modifiee", "redige/redigee le",
            "ecrit/ecrite le", "paru/parue/parus/parues le", "paru/parue", "posted on", "posted", "published on", "published",
            "updated on", "updated", "last updated", "last modified", "date de publication", "publication",
        ])
        add(.newsletter, [
            "lettre/lettres d information", "lettre/lettres d info", "newsletter/newsletters", "infolettre/infolettres",
            "bulletin/bulletins", "numero", "issue", "lettre du lab", "lettre mensuelle", "la lettre",
        ])
        add(.hours, [
            "horaire/horaires", "horaires d ouverture", "ouvert/ouverte/ouverts/ouvertes du", "ouvert/ouverte tous les",
            "opening hours", "open from", "open daily", "accueil du public", "jours d ouverture", "office hours",
        ])
        add(.closure, [
            "fermeture/fermetures", "ferme/fermee/fermes/fermees", "closed", "closure", "jours feries", "conges", "vacances",
        ])
        add(.recruitment, [
            "poste/postes", "recrutement/recrutements", "recrute", "recrutons", "offre d emploi", "offre/offres de stage",
            "fiche de poste", "entretien/entretiens", "prise de poste", "prise de fonction/fonctions", "lettre de motivation",
            "cv", "contrat", "cdd", "cdi", "vacancy", "job", "position", "interview/interviews", "start date", "hiring",
        ])
        add(.story, [
            "cree/creee/crees/creees en", "fonde/fondee en", "a ete cree/creee", "a ete fonde/fondee", "a ete inaugure/inauguree",
            "a ete lance/lancee", "a ete signe/signee", "a ete publie/publiee", "depuis", "since", "was founded",
            "was created", "was established", "was inaugurated", "was launched", "was signed", "founded in", "created in",
        ])
        add(.reportTitle, [
            "retour sur", "retour en images", "compte rendu", "compte-rendu", "replay", "recap", "looking back", "bilan de",
        ])
        add(.cancelled, ["annule/annulee/annules/annulees", "annulation", "cancelled", "canceled", "cancellation"])
        add(.postponed, ["reporte/reportee/reportes/reportees", "postponed", "ajourne/ajournee", "differe/differee"])
        add(.rescheduled, ["reporte/reportee/reportes/reportees au", "reporte/reportee a", "postponed to", "postponed until",
                           "rescheduled", "deplace/deplacee au", "moved to", "decale/decalee au"])
        add(.full, ["complet/complete/complets/completes", "sold out", "fully booked", "plus de places", "no places left"])
        add(.movedOnline, ["desormais en ligne", "finalement en ligne", "passe en ligne", "moved online", "now online"])
        add(.online, [
            "en ligne", "visio", "visioconference", "visio conference", "en visio", "distanciel", "a distance", "webinaire",
            "webinar", "webinars", "online", "zoom", "teams", "livestream", "live stream", "en direct", "virtual", "virtuel",
            "jitsi", "webex", "youtube",
        ])
        add(.inPerson, ["en presentiel", "presentiel", "in person", "in-person", "sur place", "on site"])
        add(.hybrid, ["hybride", "hybrid", "en ligne ou en presentiel", "en presentiel et en ligne", "en presentiel ou en ligne",
                      "en ligne et en presentiel", "online and in person", "in person and online"])
        add(.partOf, ["dans le cadre du/de/des", "dans le cadre de la/l", "a l occasion du/de/des", "as part of", "edition of",
                      "edition du/de", "in the framework of", "during the"])
        return s
    }()

    /// Words that make an event noun "day"/"journée" weak when alone (generic nouns).
    static let genericTitleWords: Set<String> = [
        "evenement", "evenements", "rendez", "vous", "session", "sessions", "journee", "journees", "event", "events",
        "day", "days", "programme", "program", "manifestation", "manifestations", "animation", "animations",
        "edition", "editions", "gathering", "gatherings",
    ]
}
