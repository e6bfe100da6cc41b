package newslex

import "strings"

// firstNames gives the usual gender of common given names, so that "she"
// does not resolve to Neil and "he" not to Beth. A name missing here is of
// unknown gender and fits either pronoun. Written for storydesk from
// general knowledge: names common in English-language news across many
// countries, a name used for both sexes left out.
var firstNames = func() map[string]byte {
	m := map[string]byte{}
	for _, n := range strings.Fields(femaleNames) {
		m[n] = 'f'
	}
	for _, n := range strings.Fields(maleNames) {
		if m[n] == 'f' {
			delete(m, n) // in both lists: either
			continue
		}
		m[n] = 'm'
	}
	return m
}()

// femaleNames and maleNames are the lists firstNames is built from; a
// name in both is left out.
const femaleNames = `
	mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty
	margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah
	stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela
	nicole emma samantha katherine christine debra rachel catherine carolyn janet ruth maria
	heather diane virginia julie joyce victoria olivia christina lauren joan evelyn judith megan
	cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice jean
	alice madison doris abigail julia judy grace denise amber marilyn beverly danielle theresa
	sophia marie diana brittany natalie isabella charlotte rose kayla beth eleanor claire caroline
	lucy ella chloe zoe nina nora sofia sophie ingrid greta anne annie jane kate katie kristen
	kirsten kristina monica veronica vanessa valerie wendy yvonne tina tracy sally penny penelope
	melanie melania hillary alexandria kamala condoleezza ursula jacinda marine giorgia sanna
	mette liz meghan kourtney khloe ariana selena beyonce rihanna oprah serena venus naomi simone
	gwyneth jill jenny jenna jess joanna jodie josephine katrina leah leila lena lily lorna louise
	lucia lydia mabel maggie marcia margo marina marion marta megyn miriam molly nadia natasha
	olga paula pauline priya rita rosa roxanne ruby sabrina sasha shannon sheila sonia sonya
	stella susanna suzanne sylvia tamara tanya tara tessa vera vicky viola vivian whitney yasmin
	yolanda zara zelda carrie fiona ngozi amara chioma adaeze folake funmilayo yetunde aisha
	fatima fatou aminata mariam mariama khadija zainab zahra layla noor nour amina halima hana
	hanna ayesha anjali sunita deepa pooja kavya lakshmi meera nisha rani shreya sita asha indira
	mei ling yuki yuko akiko keiko sakura hiroko mariko hui xiu fang jing li-na ana ines inés
	lucía carmen rosario guadalupe valentina camila daniela gabriela mariana isabel beatriz paola
	francesca giulia chiara alessandra federica elena silvia agnieszka katarzyna magdalena
	malgorzata ewa zofia irina tatiana svetlana natalia oksana yulia anastasia ekaterina katya
	ludmila galina nadezhda darya astrid sigrid freya karin kristin kristiina liisa anja anke
	birgit heike petra monika sabine claudia brigitte helga lotte sanne femke annelies marieke
	amelie amélie chloé camille manon léa juliette margaux sylvie nathalie isabelle hélène héléne
	celine céline marguerite genevieve geneviève colette odile siobhan niamh aoife saoirse ciara
	sinead sinéad roisin róisín orla maeve bridget eileen deirdre moira morag kirsty ailsa isla
	eilidh catriona mhairi shona bethany bronwen cerys rhiannon seren sian siân gwen nia ava aria
	audrey bella brooke caitlin cassandra cecilia charlene clara claudette colleen connie cora
	daisy dana darlene dawn della delia edith edna elaine eleanora elise ellen eloise emilia
	esther eva faith felicity flora florence gemma georgia geraldine gillian gina harriet hazel
	heidi helena hilary hope imogen irene iris ivy jade jasmine jeanette jemima jo jocelyn
	julianne june kara kay keira kelly kerry kim lara laurel leanne lesley libby lila lillian
	lindsay lois lorraine louisa lucinda lynn madeleine maisie margot marianne marjorie matilda
	maureen maxine mildred millie miranda muriel myra nadine nell nicola norma olive patsy pearl
	peggy philippa phoebe polly priscilla rachael rebekah regina renee rhonda roberta rosalind
	rosemary rosie sadie samara selina shauna sheryl stacey sue susie tabitha tamsin thelma tracey
	trudy una verity violet wanda wilma yvette zoë debbie edwina ellie emma-jane esme tess toni
	marisol mirela ioana marie-claude anne-marie ruth-ann
`

const maleNames = `
	james robert john michael william david richard joseph thomas charles christopher daniel
	matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy
	ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott
	brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry tyler aaron
	jose adam nathan henry douglas zachary peter kyle ethan walter noah jeremy christian keith
	roger terry gerald harold sean austin carl arthur lawrence dylan jesse bryan billy joe bruce
	gabriel logan albert willie alan juan wayne elijah randy roy vincent ralph eugene russell
	bobby mason philip louis boris vladimir emmanuel xi narendra recep mahmoud ali mohammed
	muhammad ahmed hassan hussein omar abdullah nicolas luis carlos jorge miguel pedro javier
	diego fernando ricardo sergio pablo rafael marcel novak andy neil ian colin graham hugh nigel
	martin owen grant tom tim ted ken kurt lewis matt mike steve jeff greg craig marco mario
	giuseppe francesco antonio alessandro angelo olaf friedrich helmut gerhard klaus wolfgang
	jurgen hans karl heinz dieter pete jared rudy rudolph mitch chuck elon sundar satya bill
	warren lucas paolo dmitry sergei alexei yuri ivan igor oleg volodymyr viktor hamid yair
	naftali bibi jimmy ronnie dick liam harry rishi keir nick ed theo otto max felix leon jay ray
	bob rob ben dan joel seth zach brett cody derek travis shane wade clint chad brad todd troy
	vince neal barry gordon stuart duncan fraser angus callum ross hamish brent abdi abdullahi
	ahmad amir anwar ayman bilal farid faisal hamza hussain ibrahim idris ismail jamal karim
	khalid malik mohamed mohammad mustafa nabil osman rashid said samir tariq walid yasin yusuf
	youssef ziad kofi kwame kwabena yaw emeka chidi chinedu obinna ikechukwu oluwaseun tunde
	babajide femi segun kayode sipho thabo themba bongani raj rahul ravi vikram arjun amit anil
	sanjay suresh rajesh ramesh vijay prakash arun deepak manoj nikhil rohan sunil kiran hiroshi
	haruto takeshi kenji yuki kenta satoshi taro wei jun hao ming lei chen jian tao jin min-jun
	seo-jun ji-ho mateo matías santiago sebastián sebastian alejandro andrés andres felipe gustavo
	iván joaquín joaquin rodrigo raúl raul tomás tomas hugo duarte joão joao rui nuno tiago bruno
	matteo lorenzo luca giovanni stefano alessio fabio pietro riccardo enrico piotr tomasz
	krzysztof marek pawel paweł jakub andrzej jan dmitri mikhail nikolai aleksandr andrei pavel
	vladislav yevgeny artem lars anders erik henrik magnus nils olav per sven stellan mattias mats
	björn bjorn jonas lukas maximilian moritz jürgen uwe dirk hendrik pieter willem thijs daan
	joost bram sander jeroen koen luc jean-pierre jean-luc pierre françois francois étienne
	etienne laurent olivier mathieu antoine guillaume benoit benoît yannick thierry didier gérard
	gerard bernard alain rené rene xavier cormac declan eoin fergus niall ruairi seamus seán
	padraig ciaran conor colm darragh euan lachlan murdo alasdair gareth rhys owain dafydd gwyn
	huw ieuan abe ace adrian al alec alfie alfred alistair alvin andre archie ashton barney basil
	bernie bert bradley brendan bryce byron calvin cameron casey cecil cedric charlie chester
	chris clarence claude clement cliff clifford clive connor cornelius curtis cyril dale damian
	damon dane darren darryl dave dean denis desmond dexter dominic don donovan doug dudley dustin
	dwight eddie edgar edmund edwin eli elliot elliott emmett ernest errol evan ewan fabian floyd
	francis freddie frederick gabe gavin geoff geoffrey gideon giles glen glenn godfrey graeme gus
	guy hal harvey hector herbert horace howard isaac isaiah jake jasper jed jeremiah jerome jim
	joey jonah jordan josh jude julian julius kai kelvin kent kieran kirk lance lee leo leonard
	leroy les lester lionel lloyd lorne louie lowell luke lyle malcolm marcus marius marvin
	maurice melvin merlin micah miles milo mitchell monty morgan morris murray nathaniel ned
	neville noel norman oliver ollie orlando oscar oswald otis percy perry phil quentin quinn
	randall reginald reid rex richie rick ricky robbie rod roland ron ronan rory rowan rupert russ
	sam sammy saul shaun sidney silas simon solomon spencer stan stanley stefan stewart teddy
	terence theodore tobias toby tommy trevor tristan tyrone vaughan vernon victor wallace wesley
	wilfred will winston wyatt zack marc emile émile jules gaston luis-miguel
`

// FirstGender is the usual gender of a given name, accents ignored.
func FirstGender(w string) byte {
	w = strings.ToLower(w)
	if g := firstNames[w]; g != 0 {
		return g
	}
	var sb strings.Builder
	for _, r := range w {
		switch r {
		case 'á', 'à', 'â', 'ä', 'ã', 'å':
			r = 'a'
		case 'é', 'è', 'ê', 'ë':
			r = 'e'
		case 'í', 'ì', 'î', 'ï':
			r = 'i'
		case 'ó', 'ò', 'ô', 'ö', 'õ', 'ø':
			r = 'o'
		case 'ú', 'ù', 'û', 'ü':
			r = 'u'
		case 'ñ':
			r = 'n'
		case 'ç':
			r = 'c'
		}
		sb.WriteRune(r)
	}
	return firstNames[sb.String()]
}
