package suggest_test

// suggestText is a news article the shipped model finds names in.
const suggestText = "Colombian President Gustavo Petro met US Treasury Secretary Scott Bessent in Bogotá on Monday, " +
	"the Associated Press reported. Petro said Colombia's army would keep working with the United States.\n\n" +
	"Bessent later flew to Caracas, where Nicolas Maduro received him. The White House declined to comment, " +
	"and Petro left for Quito on Tuesday."

// suggestText2 names a fair three times: the annotator tags it EVENT.
const suggestText2 = "The Harvest Fair opened in Leeds on Friday. Mayor Anna Kowalski said the Harvest Fair " +
	"brings farmers from Yorkshire and Lancashire. Last year the Harvest Fair drew 40,000 visitors, " +
	"according to the Leeds City Council."
