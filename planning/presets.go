package planning

import (
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// Chain presets. Their rules are in the order in which the steps are meant
// to happen, because the feasibility check measures every step against the
// step before it in the template (see ComputeChain). Names are rendered in
// the active language: a preset becomes a body's own chain, which users
// edit. Every number is a starting point, not a rule of law.

// DefaultPHOChain is the chain of DESIGN.md §4 for a portefeuillehouders-
// overleg, counted from the meeting day D:
//
//	agendapunt aanmelden bij secretariaat         AO − 10 werkdagen
//	conceptstukken aanleveren voor het AO         AO − 5 werkdagen
//	ambtelijk vooroverleg (AO)                    the linked AO meeting, else D − 15 werkdagen
//	definitieve stukken aanleveren                AO + 2 werkdagen
//	verzending agenda en stukken aan de leden     D − 10 kalenderdagen (to the working day before)
//	per gemeente: ambtelijk advies bij college    last college meeting ≥ 1 werkdag before D, minus its lead time
//	per gemeente: collegevergadering (rugdekking) last college meeting ≥ 1 werkdag before D
//	PHO                                           D
//	besluitenlijst concept naar de leden          D + 5 werkdagen
//
// "AO" is the anchor vooroverleg: the linked AO meeting, or, when none is
// linked yet, the step of kind vooroverleg, which then stands in for it.
func DefaultPHOChain() []domain.DeadlineRule {
	return []domain.DeadlineRule{
		{Key: "aanmelden", Name: i18n.T("planning.rule.aanmelden"), Kind: domain.KindAanmelden, Audience: domain.AudienceAmbtenaren,
			Anchor: domain.AnchorPrep, Offset: -10, Unit: domain.Werkdagen},
		{Key: "concept", Name: i18n.T("planning.rule.concept"), Kind: domain.KindConcept, Audience: domain.AudienceAmbtenaren,
			Anchor: domain.AnchorPrep, Offset: -5, Unit: domain.Werkdagen},
		{Key: "vooroverleg", Name: i18n.T("planning.rule.vooroverleg"), Kind: domain.KindVooroverleg, Audience: domain.AudienceAmbtenaren,
			Anchor: domain.AnchorMeeting, Offset: -15, Unit: domain.Werkdagen},
		{Key: "aanleveren", Name: i18n.T("planning.rule.aanleveren"), Kind: domain.KindAanleveren, Audience: domain.AudienceAmbtenaren,
			Anchor: domain.AnchorPrep, Offset: 2, Unit: domain.Werkdagen},
		{Key: "verzending", Name: i18n.T("planning.rule.verzending"), Kind: domain.KindDispatch, Audience: domain.AudienceSecretariaat,
			Anchor: domain.AnchorMeeting, Offset: -10, Unit: domain.Kalenderdagen, Roll: domain.RollEarlier},
		{Key: "advies", Name: i18n.T("planning.rule.advies"), Kind: domain.KindAdvies, Audience: domain.AudienceAmbtenaren,
			Anchor: domain.AnchorCollege, Offset: -1, Unit: domain.Werkdagen, PerMunicipality: true, UseLeadTime: true},
		{Key: "college", Name: i18n.T("planning.rule.college"), Kind: domain.KindCollege, Audience: domain.AudienceCollege,
			Anchor: domain.AnchorCollege, Offset: -1, Unit: domain.Werkdagen, PerMunicipality: true},
		{Key: "vergadering", Name: i18n.T("planning.rule.vergadering.pho"), Kind: domain.KindMeeting, Audience: domain.AudienceLeden,
			Anchor: domain.AnchorMeeting, Unit: domain.Werkdagen},
		{Key: "besluitenlijst", Name: i18n.T("planning.rule.besluitenlijst"), Kind: domain.KindBesluiten, Audience: domain.AudienceSecretariaat,
			Anchor: domain.AnchorMeeting, Offset: 5, Unit: domain.Werkdagen},
	}
}

// DefaultAOChain is the chain of an ambtelijk vooroverleg itself. The
// aanmelden and concept deadlines that lead up to the AO belong to the
// chain of the PHO it prepares (anchored on this meeting), so they are not
// repeated here: only sending the AO's stukken, the meeting and its notes.
func DefaultAOChain() []domain.DeadlineRule {
	return []domain.DeadlineRule{
		{Key: "verzending", Name: i18n.T("planning.rule.verzending.ao"), Kind: domain.KindDispatch, Audience: domain.AudienceSecretariaat,
			Anchor: domain.AnchorMeeting, Offset: -3, Unit: domain.Werkdagen},
		{Key: "vergadering", Name: i18n.T("planning.rule.vergadering.ao"), Kind: domain.KindMeeting, Audience: domain.AudienceAmbtenaren,
			Anchor: domain.AnchorMeeting, Unit: domain.Werkdagen},
		{Key: "verslag", Name: i18n.T("planning.rule.verslag.ao"), Kind: domain.KindBesluiten, Audience: domain.AudienceSecretariaat,
			Anchor: domain.AnchorMeeting, Offset: 3, Unit: domain.Werkdagen},
	}
}

// DefaultABChain is the chain of an algemeen bestuur, which sends its
// stukken three weeks ahead so that the members can consult their college.
func DefaultABChain() []domain.DeadlineRule {
	return []domain.DeadlineRule{
		{Key: "aanmelden", Name: i18n.T("planning.rule.aanmelden"), Kind: domain.KindAanmelden, Audience: domain.AudienceAmbtenaren,
			Anchor: domain.AnchorMeeting, Offset: -35, Unit: domain.Kalenderdagen, Roll: domain.RollEarlier},
		{Key: "aanleveren", Name: i18n.T("planning.rule.aanleveren"), Kind: domain.KindAanleveren, Audience: domain.AudienceAmbtenaren,
			Anchor: domain.AnchorMeeting, Offset: -28, Unit: domain.Kalenderdagen, Roll: domain.RollEarlier},
		{Key: "verzending", Name: i18n.T("planning.rule.verzending"), Kind: domain.KindDispatch, Audience: domain.AudienceSecretariaat,
			Anchor: domain.AnchorMeeting, Offset: -21, Unit: domain.Kalenderdagen, Roll: domain.RollEarlier},
		{Key: "advies", Name: i18n.T("planning.rule.advies"), Kind: domain.KindAdvies, Audience: domain.AudienceAmbtenaren,
			Anchor: domain.AnchorCollege, Offset: -1, Unit: domain.Werkdagen, PerMunicipality: true, UseLeadTime: true},
		{Key: "college", Name: i18n.T("planning.rule.college"), Kind: domain.KindCollege, Audience: domain.AudienceCollege,
			Anchor: domain.AnchorCollege, Offset: -1, Unit: domain.Werkdagen, PerMunicipality: true},
		{Key: "vergadering", Name: i18n.T("planning.rule.vergadering.ab"), Kind: domain.KindMeeting, Audience: domain.AudienceLeden,
			Anchor: domain.AnchorMeeting, Unit: domain.Werkdagen},
		{Key: "besluitenlijst", Name: i18n.T("planning.rule.besluitenlijst"), Kind: domain.KindBesluiten, Audience: domain.AudienceSecretariaat,
			Anchor: domain.AnchorMeeting, Offset: 10, Unit: domain.Werkdagen},
	}
}

// DefaultDBChain is the chain of a dagelijks bestuur (and a stuurgroep):
// stukken one week ahead, no round past the colleges.
func DefaultDBChain() []domain.DeadlineRule {
	return []domain.DeadlineRule{
		{Key: "aanmelden", Name: i18n.T("planning.rule.aanmelden"), Kind: domain.KindAanmelden, Audience: domain.AudienceAmbtenaren,
			Anchor: domain.AnchorMeeting, Offset: -14, Unit: domain.Kalenderdagen, Roll: domain.RollEarlier},
		{Key: "aanleveren", Name: i18n.T("planning.rule.aanleveren"), Kind: domain.KindAanleveren, Audience: domain.AudienceAmbtenaren,
			Anchor: domain.AnchorMeeting, Offset: -10, Unit: domain.Kalenderdagen, Roll: domain.RollEarlier},
		{Key: "verzending", Name: i18n.T("planning.rule.verzending"), Kind: domain.KindDispatch, Audience: domain.AudienceSecretariaat,
			Anchor: domain.AnchorMeeting, Offset: -7, Unit: domain.Kalenderdagen, Roll: domain.RollEarlier},
		{Key: "vergadering", Name: i18n.T("planning.rule.vergadering.db"), Kind: domain.KindMeeting, Audience: domain.AudienceLeden,
			Anchor: domain.AnchorMeeting, Unit: domain.Werkdagen},
		{Key: "besluitenlijst", Name: i18n.T("planning.rule.besluitenlijst"), Kind: domain.KindBesluiten, Audience: domain.AudienceSecretariaat,
			Anchor: domain.AnchorMeeting, Offset: 5, Unit: domain.Werkdagen},
	}
}

// ChainPreset returns the preset chain for a kind of body: the default
// chain template of a new body (the demo region and the body editor use it).
func ChainPreset(kind domain.BodyKind) []domain.DeadlineRule {
	switch kind {
	case domain.BodyPHO:
		return DefaultPHOChain()
	case domain.BodyAO:
		return DefaultAOChain()
	case domain.BodyAB:
		return DefaultABChain()
	case domain.BodyDB:
		return DefaultDBChain()
	default:
		rules := DefaultDBChain()
		for i := range rules {
			if rules[i].Kind == domain.KindMeeting {
				rules[i].Name = i18n.T("planning.rule.vergadering.stuurgroep")
			}
		}
		return rules
	}
}
