package commands

import "testing"

// States are read by name, alias, code in capitals (two or three
// letters), near miss, inflection and clitics, in order; lower-case
// two-letter words are not states.
func TestReadStates(t *testing.T) {
	checkReads(t, [][2]string{
		{"any news from Ghana?", "state; states=GH"},
		{"CIV update?", "state; states=CI"},
		{"UZB", "state; states=UZ"},
		{"how is TJ doing", "state; states=TJ"},
		{"KE status", "state; states=KE"},
		{"philipines", "state; states=PH"},
		{"nigria", "state; states=NG"},
		{"kenia?", "state; states=KE"},
		{"Tadjikistan", "state; states=TJ"},
		{"Ivory Coast status", "state; states=CI"},
		{"Côte d’Ivoire", "state; states=CI"},
		{"cote d'ivoire", "state; states=CI"},
		{"how is the Philippines doing", "state; states=PH"},
		{"my overview in ke", "overview"},
		{"au Kenya", "state; states=KE"},
		{"en Irak", "state; states=IQ"},
		{"où en est l'Ouzbékistan ?", "state; states=UZ"},
		{"в Кении", "state; states=KE"},
		{"Таджикистана", "state; states=TJ"},
		{"что с Узбекистаном", "state; states=UZ"},
		{"на Филиппинах", "state; states=PH"},
		{"в Малайзии", "state; states=MY"},
		{"Кот-д'Ивуар", "state; states=CI"},
		{"новости по Кот-д'Ивуару", "state; states=CI"},
		{"что с филипинами", "state; states=PH"},
		{"с Филиппинами", "state; states=PH"},
		{"ما وضع ساحل العاج؟", "state; states=CI"},
		{"des nouvelles de la RCI ?", "state; states=CI"},
		{"Берег Слоновой Кости", "state; states=CI"},
		{"في العراق", "state; states=IQ"},
		{"بكينيا", "state; states=KE"},
		{"لـكينيا", "state; states=KE"},
		{"ماذا عن الفلبين", "state; states=PH"},
		{"وضع غانا", "state; states=GH"},
		// Several, in order: side by side.
		{"Ghana vs Iraq", "compare; states=GH,IQ"},
		{"kenya vs nigeria", "compare; states=KE,NG"},
		{"compare GH, IQ and TJ", "compare; states=GH,IQ,TJ"},
		{"Kenya et Nigeria", "compare; states=KE,NG"},
		{"Гана и Ирак", "compare; states=GH,IQ"},
		{"والعراق وكينيا", "compare; states=IQ,KE"},
		{"غانا مقابل العراق", "compare; states=GH,IQ"},
	})
}

// Indicators are read by code, by the phrases of askwords.indicator and by
// two words of their titles; "women" and "share" never name the
// women-in-policy indicator.
func TestReadIndicators(t *testing.T) {
	checkReads(t, [][2]string{
		{"UNSR recommendations", "indicator; indicators=unsr-recs"},
		{"PPP", "indicator; indicators=ppp-mechanisms"},
		{"CT strategies", "indicator; indicators=strategies"},
		{"investigators trained", "indicator; indicators=investigators-trained"},
		{"investigators trained?", "indicator; indicators=investigators-trained"},
		{"UNSR recommendations acted upon in Nigeria", "indicator; states=NG; indicators=unsr-recs"},
		{"how many recommendations in Ghana", "indicator; states=GH; indicators=unsr-recs"},
		{"نسبة النساء في وضع السياسات", "indicator; indicators=women-policy"},
		{"women trainees vs women in policy", "women; indicators=women-policy; women=yes"},
		{"women-policy", "indicator; indicators=women-policy"},
		{"women in policy design", "indicator; indicators=women-policy"},
		{"share of women in decision-making", "indicator; indicators=women-policy"},
		{"special investigative procedures", "indicator; indicators=investigators-trained"},
		{"stratégies adoptées ?", "indicator; indicators=strategies"},
		{"рекомендации спецдокладчика", "indicator; indicators=unsr-recs"},
		{"توصيات المقرر الخاص", "indicator; indicators=unsr-recs"},
		{"what share of trainees are women", "women; women=yes"},
		{"quelle part des stagiaires sont des femmes", "women; women=yes"},
		{"доля женщин среди обученных", "women; women=yes"},
		{"ما نسبة النساء بين المتدربين", "women; women=yes"},
	})
}
