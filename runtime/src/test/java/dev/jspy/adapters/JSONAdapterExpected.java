package dev.jspy.adapters;

/**
 * Expected prompts and response formats for {@link JSONAdapterFormatTest}, produced by DSPy 3.3.1's own
 * JSONAdapter formatting code and {@code _get_structured_outputs_response_format} run under Python with
 * pydantic 2.13, followed by litellm's {@code type_to_response_format_param} (the OpenAI SDK's
 * {@code to_strict_json_schema}). Response formats are {@code json.dumps} of the JSON sent.
 */
final class JSONAdapterExpected {
  private JSONAdapterExpected() {}

  // SIMPLE
  static final String[] SIMPLE = {
        "system",
        "Your input fields are:\n"
            + "1. `question` (str):\n"
            + "Your output fields are:\n"
            + "1. `answer` (str):\n"
            + "All interactions will be structured in the following way, with the appropriate values filled in.\n"
            + "\n"
            + "Inputs will have the following structure:\n"
            + "\n"
            + "[[ ## question ## ]]\n"
            + "{question}\n"
            + "\n"
            + "Outputs will be a JSON object with the following fields.\n"
            + "\n"
            + "{\n"
            + "  \"answer\": \"{answer}\"\n"
            + "}\n"
            + "In adhering to this structure, your objective is: \n"
            + "        Given the fields `question`, produce the fields `answer`.",
        "user",
        "[[ ## question ## ]]\n"
            + "What is the capital of France?\n"
            + "\n"
            + "Respond with a JSON object in the following order of fields: `answer`."
  };

  // DEMO_TYPED
  static final String[] DEMO_TYPED = {
        "system",
        "Your input fields are:\n"
            + "1. `question` (str):\n"
            + "Your output fields are:\n"
            + "1. `answer` (str): \n"
            + "2. `confidence` (float):\n"
            + "All interactions will be structured in the following way, with the appropriate values filled in.\n"
            + "\n"
            + "Inputs will have the following structure:\n"
            + "\n"
            + "[[ ## question ## ]]\n"
            + "{question}\n"
            + "\n"
            + "Outputs will be a JSON object with the following fields.\n"
            + "\n"
            + "{\n"
            + "  \"answer\": \"{answer}\",\n"
            + "  \"confidence\": \"{confidence}        # note: the value you produce must be a single float value\"\n"
            + "}\n"
            + "In adhering to this structure, your objective is: \n"
            + "        Given the fields `question`, produce the fields `answer`, `confidence`.",
        "user",
        "[[ ## question ## ]]\n"
            + "Q1",
        "assistant",
        "{\n"
            + "  \"answer\": \"A1\",\n"
            + "  \"confidence\": 0.9\n"
            + "}",
        "user",
        "[[ ## question ## ]]\n"
            + "Q2\n"
            + "\n"
            + "Respond with a JSON object in the following order of fields: `answer`, then `confidence` (must be formatted as a valid Python float)."
  };

  // DESCRIBED_BOOL
  static final String[] DESCRIBED_BOOL = {
        "system",
        "Your input fields are:\n"
            + "1. `input1` (str):\n"
            + "Your output fields are:\n"
            + "1. `output1` (str): String output field\n"
            + "2. `output2` (bool):\n"
            + "All interactions will be structured in the following way, with the appropriate values filled in.\n"
            + "\n"
            + "Inputs will have the following structure:\n"
            + "\n"
            + "[[ ## input1 ## ]]\n"
            + "{input1}\n"
            + "\n"
            + "Outputs will be a JSON object with the following fields.\n"
            + "\n"
            + "{\n"
            + "  \"output1\": \"{output1}\",\n"
            + "  \"output2\": \"{output2}        # note: the value you produce must be True or False\"\n"
            + "}\n"
            + "In adhering to this structure, your objective is: \n"
            + "        Given the fields `input1`, produce the fields `output1`, `output2`.",
        "user",
        "[[ ## input1 ## ]]\n"
            + "Test input\n"
            + "\n"
            + "Respond with a JSON object in the following order of fields: `output1`, then `output2` (must be formatted as a valid Python bool)."
  };

  // INT_MAPPING
  static final String[] INT_MAPPING = {
        "system",
        "Your input fields are:\n"
            + "1. `question` (str):\n"
            + "Your output fields are:\n"
            + "1. `count` (int): \n"
            + "2. `metadata` (dict[str, int]):\n"
            + "All interactions will be structured in the following way, with the appropriate values filled in.\n"
            + "\n"
            + "Inputs will have the following structure:\n"
            + "\n"
            + "[[ ## question ## ]]\n"
            + "{question}\n"
            + "\n"
            + "Outputs will be a JSON object with the following fields.\n"
            + "\n"
            + "{\n"
            + "  \"count\": \"{count}        # note: the value you produce must be a single int value\",\n"
            + "  \"metadata\": \"{metadata}        # note: the value you produce must adhere to the JSON schema: {\\\"type\\\": \\\"object\\\", \\\"additionalProperties\\\": {\\\"type\\\": \\\"integer\\\"}}\"\n"
            + "}\n"
            + "In adhering to this structure, your objective is: \n"
            + "        Given the fields `question`, produce the fields `count`, `metadata`.",
        "user",
        "[[ ## question ## ]]\n"
            + "Count things\n"
            + "\n"
            + "Respond with a JSON object in the following order of fields: `count` (must be formatted as a valid Python int), then `metadata` (must be formatted as a valid Python dict[str, int])."
  };

  // LITERAL_ENUM
  static final String[] LITERAL_ENUM = {
        "system",
        "Your input fields are:\n"
            + "1. `text` (str):\n"
            + "Your output fields are:\n"
            + "1. `decision` (Literal['accept', 'reject']): \n"
            + "2. `label` (Label):\n"
            + "All interactions will be structured in the following way, with the appropriate values filled in.\n"
            + "\n"
            + "Inputs will have the following structure:\n"
            + "\n"
            + "[[ ## text ## ]]\n"
            + "{text}\n"
            + "\n"
            + "Outputs will be a JSON object with the following fields.\n"
            + "\n"
            + "{\n"
            + "  \"decision\": \"{decision}        # note: the value you produce must exactly match (no extra characters) one of: accept; reject\",\n"
            + "  \"label\": \"{label}        # note: the value you produce must be one of: POSITIVE; NEGATIVE; NEUTRAL\"\n"
            + "}\n"
            + "In adhering to this structure, your objective is: \n"
            + "        Given the fields `text`, produce the fields `decision`, `label`.",
        "user",
        "[[ ## text ## ]]\n"
            + "Looks good\n"
            + "\n"
            + "Respond with a JSON object in the following order of fields: `decision` (must be formatted as a valid Python Literal['accept', 'reject']), then `label` (must be formatted as a valid Python Label)."
  };

  // NESTED
  static final String[] NESTED = {
        "system",
        "Your input fields are:\n"
            + "1. `question` (str):\n"
            + "Your output fields are:\n"
            + "1. `summary` (JsonNestedSummary):\n"
            + "All interactions will be structured in the following way, with the appropriate values filled in.\n"
            + "\n"
            + "Inputs will have the following structure:\n"
            + "\n"
            + "[[ ## question ## ]]\n"
            + "{question}\n"
            + "\n"
            + "Outputs will be a JSON object with the following fields.\n"
            + "\n"
            + "{\n"
            + "  \"summary\": \"{summary}        # note: the value you produce must adhere to the JSON schema: {\\\"type\\\": \\\"object\\\", \\\"$defs\\\": {\\\"JsonNestedAddress\\\": {\\\"type\\\": \\\"object\\\", \\\"properties\\\": {\\\"city\\\": {\\\"type\\\": \\\"string\\\", \\\"title\\\": \\\"City\\\"}, \\\"country\\\": {\\\"type\\\": \\\"string\\\", \\\"title\\\": \\\"Country\\\"}}, \\\"required\\\": [\\\"city\\\", \\\"country\\\"], \\\"title\\\": \\\"JsonNestedAddress\\\"}}, \\\"properties\\\": {\\\"address\\\": {\\\"$ref\\\": \\\"#/$defs/JsonNestedAddress\\\"}, \\\"scores\\\": {\\\"type\\\": \\\"array\\\", \\\"items\\\": {\\\"type\\\": \\\"number\\\"}, \\\"title\\\": \\\"Scores\\\"}, \\\"title\\\": {\\\"type\\\": \\\"string\\\", \\\"title\\\": \\\"Title\\\"}}, \\\"required\\\": [\\\"title\\\", \\\"address\\\", \\\"scores\\\"], \\\"title\\\": \\\"JsonNestedSummary\\\"}\"\n"
            + "}\n"
            + "In adhering to this structure, your objective is: \n"
            + "        Given the fields `question`, produce the fields `summary`.",
        "user",
        "[[ ## question ## ]]\n"
            + "Summarize\n"
            + "\n"
            + "Respond with a JSON object in the following order of fields: `summary` (must be formatted as a valid Python JsonNestedSummary)."
  };

  // INCOMPLETE
  static final String[] INCOMPLETE = {
        "system",
        "Your input fields are:\n"
            + "1. `question` (str): \n"
            + "2. `context` (str):\n"
            + "Your output fields are:\n"
            + "1. `answer` (str): \n"
            + "2. `score` (float):\n"
            + "All interactions will be structured in the following way, with the appropriate values filled in.\n"
            + "\n"
            + "Inputs will have the following structure:\n"
            + "\n"
            + "[[ ## question ## ]]\n"
            + "{question}\n"
            + "\n"
            + "[[ ## context ## ]]\n"
            + "{context}\n"
            + "\n"
            + "Outputs will be a JSON object with the following fields.\n"
            + "\n"
            + "{\n"
            + "  \"answer\": \"{answer}\",\n"
            + "  \"score\": \"{score}        # note: the value you produce must be a single float value\"\n"
            + "}\n"
            + "In adhering to this structure, your objective is: \n"
            + "        Given the fields `question`, `context`, produce the fields `answer`, `score`.",
        "user",
        "This is an example of the task, though some input or output fields are not supplied.\n"
            + "\n"
            + "[[ ## question ## ]]\n"
            + "Q1",
        "assistant",
        "{\n"
            + "  \"answer\": \"A1\",\n"
            + "  \"score\": \"Not supplied for this particular example. \"\n"
            + "}",
        "user",
        "[[ ## question ## ]]\n"
            + "Q2\n"
            + "\n"
            + "[[ ## context ## ]]\n"
            + "C2\n"
            + "\n"
            + "Respond with a JSON object in the following order of fields: `answer`, then `score` (must be formatted as a valid Python float)."
  };

  // LISTS
  static final String[] LISTS = {
        "system",
        "Your input fields are:\n"
            + "1. `question` (str):\n"
            + "Your output fields are:\n"
            + "1. `answers` (list[str]): \n"
            + "2. `scores` (list[float]):\n"
            + "All interactions will be structured in the following way, with the appropriate values filled in.\n"
            + "\n"
            + "Inputs will have the following structure:\n"
            + "\n"
            + "[[ ## question ## ]]\n"
            + "{question}\n"
            + "\n"
            + "Outputs will be a JSON object with the following fields.\n"
            + "\n"
            + "{\n"
            + "  \"answers\": \"{answers}        # note: the value you produce must adhere to the JSON schema: {\\\"type\\\": \\\"array\\\", \\\"items\\\": {\\\"type\\\": \\\"string\\\"}}\",\n"
            + "  \"scores\": \"{scores}        # note: the value you produce must adhere to the JSON schema: {\\\"type\\\": \\\"array\\\", \\\"items\\\": {\\\"type\\\": \\\"number\\\"}}\"\n"
            + "}\n"
            + "In adhering to this structure, your objective is: \n"
            + "        Answer the question with multiple answers and scores",
        "user",
        "[[ ## question ## ]]\n"
            + "Q1",
        "assistant",
        "{\n"
            + "  \"answers\": [\n"
            + "    \"A1\",\n"
            + "    \"A2\"\n"
            + "  ],\n"
            + "  \"scores\": [\n"
            + "    0.1,\n"
            + "    null\n"
            + "  ]\n"
            + "}",
        "user",
        "[[ ## question ## ]]\n"
            + "Q2\n"
            + "\n"
            + "Respond with a JSON object in the following order of fields: `answers` (must be formatted as a valid Python list[str]), then `scores` (must be formatted as a valid Python list[float])."
  };

  // CARD
  static final String[] CARD = {
        "system",
        "Your input fields are:\n"
            + "1. `profile` (Profile): \n"
            + "2. `question` (str):\n"
            + "Your output fields are:\n"
            + "1. `answer` (AnswerCard):\n"
            + "All interactions will be structured in the following way, with the appropriate values filled in.\n"
            + "\n"
            + "Inputs will have the following structure:\n"
            + "\n"
            + "[[ ## profile ## ]]\n"
            + "{profile}\n"
            + "\n"
            + "[[ ## question ## ]]\n"
            + "{question}\n"
            + "\n"
            + "Outputs will be a JSON object with the following fields.\n"
            + "\n"
            + "{\n"
            + "  \"answer\": \"{answer}        # note: the value you produce must adhere to the JSON schema: {\\\"type\\\": \\\"object\\\", \\\"properties\\\": {\\\"answer\\\": {\\\"type\\\": \\\"string\\\", \\\"title\\\": \\\"Answer\\\"}, \\\"sources\\\": {\\\"type\\\": \\\"array\\\", \\\"items\\\": {\\\"type\\\": \\\"string\\\"}, \\\"title\\\": \\\"Sources\\\"}}, \\\"required\\\": [\\\"answer\\\", \\\"sources\\\"], \\\"title\\\": \\\"AnswerCard\\\"}\"\n"
            + "}\n"
            + "In adhering to this structure, your objective is: \n"
            + "        Answer using all supplied context.",
        "user",
        "This is an example of the task, though some input or output fields are not supplied.\n"
            + "\n"
            + "[[ ## question ## ]]\n"
            + "Who is Ada?",
        "assistant",
        "{\n"
            + "  \"answer\": {\n"
            + "    \"answer\": \"Ada is a mathematician.\",\n"
            + "    \"sources\": []\n"
            + "  }\n"
            + "}",
        "user",
        "[[ ## profile ## ]]\n"
            + "{\"name\": \"Ada\", \"location\": {\"city\": \"London\", \"country\": \"UK\"}, \"interests\": [\"math\", \"machines\"]}\n"
            + "\n"
            + "[[ ## question ## ]]\n"
            + "What should we mention?",
        "assistant",
        "{\n"
            + "  \"answer\": {\n"
            + "    \"answer\": \"Mention analytical engines.\",\n"
            + "    \"sources\": [\n"
            + "      \"demo\"\n"
            + "    ]\n"
            + "  }\n"
            + "}",
        "user",
        "[[ ## profile ## ]]\n"
            + "{\"name\": \"Grace\", \"location\": {\"city\": \"Arlington\", \"country\": \"USA\"}, \"interests\": [\"compilers\", \"navy\"]}\n"
            + "\n"
            + "[[ ## question ## ]]\n"
            + "What should the answer include?\n"
            + "\n"
            + "Respond with a JSON object in the following order of fields: `answer` (must be formatted as a valid Python AnswerCard)."
  };

  // TYPED
  static final String[] TYPED = {
        "system",
        "Your input fields are:\n"
            + "1. `person` (Person): The person\n"
            + "2. `hint` (Union[str, NoneType]):\n"
            + "Your output fields are:\n"
            + "1. `count` (int): How many\n"
            + "2. `mood` (Label): \n"
            + "3. `updated` (Person): \n"
            + "4. `note` (Union[str, NoneType]): \n"
            + "5. `home` (Union[Address, NoneType]): \n"
            + "6. `ratio` (float): \n"
            + "7. `ok` (bool): \n"
            + "8. `tags` (list[str]):\n"
            + "All interactions will be structured in the following way, with the appropriate values filled in.\n"
            + "\n"
            + "Inputs will have the following structure:\n"
            + "\n"
            + "[[ ## person ## ]]\n"
            + "{person}\n"
            + "\n"
            + "[[ ## hint ## ]]\n"
            + "{hint}\n"
            + "\n"
            + "Outputs will be a JSON object with the following fields.\n"
            + "\n"
            + "{\n"
            + "  \"count\": \"{count}        # note: the value you produce must be a single int value\",\n"
            + "  \"mood\": \"{mood}        # note: the value you produce must be one of: POSITIVE; NEGATIVE; NEUTRAL\",\n"
            + "  \"updated\": \"{updated}        # note: the value you produce must adhere to the JSON schema: {\\\"type\\\": \\\"object\\\", \\\"$defs\\\": {\\\"Address\\\": {\\\"type\\\": \\\"object\\\", \\\"properties\\\": {\\\"city\\\": {\\\"type\\\": \\\"string\\\", \\\"title\\\": \\\"City\\\"}, \\\"zip_code\\\": {\\\"type\\\": \\\"integer\\\", \\\"title\\\": \\\"Zip Code\\\"}}, \\\"required\\\": [\\\"city\\\", \\\"zip_code\\\"], \\\"title\\\": \\\"Address\\\"}, \\\"Label\\\": {\\\"type\\\": \\\"string\\\", \\\"enum\\\": [\\\"POSITIVE\\\", \\\"NEGATIVE\\\", \\\"NEUTRAL\\\"], \\\"title\\\": \\\"Label\\\"}}, \\\"properties\\\": {\\\"home\\\": {\\\"$ref\\\": \\\"#/$defs/Address\\\"}, \\\"mood\\\": {\\\"$ref\\\": \\\"#/$defs/Label\\\"}, \\\"name\\\": {\\\"type\\\": \\\"string\\\", \\\"title\\\": \\\"Name\\\"}, \\\"nick\\\": {\\\"anyOf\\\": [{\\\"type\\\": \\\"string\\\"}, {\\\"type\\\": \\\"null\\\"}], \\\"title\\\": \\\"Nick\\\"}, \\\"tags\\\": {\\\"type\\\": \\\"array\\\", \\\"items\\\": {\\\"type\\\": \\\"string\\\"}, \\\"title\\\": \\\"Tags\\\"}}, \\\"required\\\": [\\\"name\\\", \\\"home\\\", \\\"nick\\\", \\\"mood\\\", \\\"tags\\\"], \\\"title\\\": \\\"Person\\\"}\",\n"
            + "  \"note\": \"{note}        # note: the value you produce must adhere to the JSON schema: {\\\"anyOf\\\": [{\\\"type\\\": \\\"string\\\"}, {\\\"type\\\": \\\"null\\\"}]}\",\n"
            + "  \"home\": \"{home}        # note: the value you produce must adhere to the JSON schema: {\\\"$defs\\\": {\\\"Address\\\": {\\\"type\\\": \\\"object\\\", \\\"properties\\\": {\\\"city\\\": {\\\"type\\\": \\\"string\\\", \\\"title\\\": \\\"City\\\"}, \\\"zip_code\\\": {\\\"type\\\": \\\"integer\\\", \\\"title\\\": \\\"Zip Code\\\"}}, \\\"required\\\": [\\\"city\\\", \\\"zip_code\\\"], \\\"title\\\": \\\"Address\\\"}}, \\\"anyOf\\\": [{\\\"$ref\\\": \\\"#/$defs/Address\\\"}, {\\\"type\\\": \\\"null\\\"}]}\",\n"
            + "  \"ratio\": \"{ratio}        # note: the value you produce must be a single float value\",\n"
            + "  \"ok\": \"{ok}        # note: the value you produce must be True or False\",\n"
            + "  \"tags\": \"{tags}        # note: the value you produce must adhere to the JSON schema: {\\\"type\\\": \\\"array\\\", \\\"items\\\": {\\\"type\\\": \\\"string\\\"}}\"\n"
            + "}\n"
            + "In adhering to this structure, your objective is: \n"
            + "        Describe the person.\n"
            + "            Be precise.",
        "user",
        "This is an example of the task, though some input or output fields are not supplied.\n"
            + "\n"
            + "[[ ## person ## ]]\n"
            + "{\"name\": \"Ada\", \"home\": {\"city\": \"London\", \"zip_code\": 1}, \"nick\": null, \"mood\": \"NEUTRAL\", \"tags\": [\"x\"]}\n"
            + "\n"
            + "[[ ## hint ## ]]\n"
            + "\u00fc \"quoted\"\n"
            + "line",
        "assistant",
        "{\n"
            + "  \"count\": 2,\n"
            + "  \"mood\": \"POSITIVE\",\n"
            + "  \"updated\": {\n"
            + "    \"name\": \"Ada L.\",\n"
            + "    \"home\": {\n"
            + "      \"city\": \"Paris\",\n"
            + "      \"zip_code\": 75\n"
            + "    },\n"
            + "    \"nick\": \"al\",\n"
            + "    \"mood\": \"NEGATIVE\",\n"
            + "    \"tags\": []\n"
            + "  },\n"
            + "  \"note\": null,\n"
            + "  \"home\": null,\n"
            + "  \"ratio\": 1e-05,\n"
            + "  \"ok\": true,\n"
            + "  \"tags\": [\n"
            + "    \"a\",\n"
            + "    \"b\"\n"
            + "  ]\n"
            + "}",
        "user",
        "[[ ## person ## ]]\n"
            + "{\"name\": \"Grace\", \"home\": {\"city\": \"Arlington\", \"zip_code\": 22201}, \"nick\": \"amazing\", \"mood\": \"POSITIVE\", \"tags\": [\"navy\"]}\n"
            + "\n"
            + "[[ ## hint ## ]]\n"
            + "None\n"
            + "\n"
            + "Respond with a JSON object in the following order of fields: `count` (must be formatted as a valid Python int), then `mood` (must be formatted as a valid Python Label), then `updated` (must be formatted as a valid Python Person), then `note` (must be formatted as a valid Python Union[str, NoneType]), then `home` (must be formatted as a valid Python Union[Address, NoneType]), then `ratio` (must be formatted as a valid Python float), then `ok` (must be formatted as a valid Python bool), then `tags` (must be formatted as a valid Python list[str])."
  };

  static final String SIMPLE_FORMAT =
      "{\"type\": \"json_schema\", \"json_schema\": {\"schema\": {\"additionalProperties\": false, \"properties\": {\"answer\": {\"title\": \"Answer\", \"type\": \"string\"}}, \"required\": [\"answer\"], \"title\": \"DSPyProgramOutputs\", \"type\": \"object\"}, \"name\": \"DSPyProgramOutputs\", \"strict\": true}}";

  static final String DEMO_TYPED_FORMAT =
      "{\"type\": \"json_schema\", \"json_schema\": {\"schema\": {\"additionalProperties\": false, \"properties\": {\"answer\": {\"title\": \"Answer\", \"type\": \"string\"}, \"confidence\": {\"title\": \"Confidence\", \"type\": \"number\"}}, \"required\": [\"answer\", \"confidence\"], \"title\": \"DSPyProgramOutputs\", \"type\": \"object\"}, \"name\": \"DSPyProgramOutputs\", \"strict\": true}}";

  static final String DESCRIBED_BOOL_FORMAT =
      "{\"type\": \"json_schema\", \"json_schema\": {\"schema\": {\"additionalProperties\": false, \"properties\": {\"output1\": {\"title\": \"Output1\", \"type\": \"string\"}, \"output2\": {\"title\": \"Output2\", \"type\": \"boolean\"}}, \"required\": [\"output1\", \"output2\"], \"title\": \"DSPyProgramOutputs\", \"type\": \"object\"}, \"name\": \"DSPyProgramOutputs\", \"strict\": true}}";

  static final String INT_MAPPING_FORMAT =
      "{\"type\": \"json_object\"}";

  static final String LITERAL_ENUM_FORMAT =
      "{\"type\": \"json_schema\", \"json_schema\": {\"schema\": {\"$defs\": {\"Label\": {\"enum\": [\"POSITIVE\", \"NEGATIVE\", \"NEUTRAL\"], \"title\": \"Label\", \"type\": \"string\"}}, \"additionalProperties\": false, \"properties\": {\"decision\": {\"enum\": [\"accept\", \"reject\"], \"title\": \"Decision\", \"type\": \"string\"}, \"label\": {\"$ref\": \"#/$defs/Label\"}}, \"required\": [\"decision\", \"label\"], \"title\": \"DSPyProgramOutputs\", \"type\": \"object\"}, \"name\": \"DSPyProgramOutputs\", \"strict\": true}}";

  static final String NESTED_FORMAT =
      "{\"type\": \"json_schema\", \"json_schema\": {\"schema\": {\"$defs\": {\"JsonNestedAddress\": {\"properties\": {\"city\": {\"title\": \"City\", \"type\": \"string\"}, \"country\": {\"title\": \"Country\", \"type\": \"string\"}}, \"required\": [\"city\", \"country\"], \"title\": \"JsonNestedAddress\", \"type\": \"object\", \"additionalProperties\": false}, \"JsonNestedSummary\": {\"properties\": {\"title\": {\"title\": \"Title\", \"type\": \"string\"}, \"address\": {\"$ref\": \"#/$defs/JsonNestedAddress\"}, \"scores\": {\"items\": {\"type\": \"number\"}, \"title\": \"Scores\", \"type\": \"array\"}}, \"required\": [\"title\", \"address\", \"scores\"], \"title\": \"JsonNestedSummary\", \"type\": \"object\", \"additionalProperties\": false}}, \"additionalProperties\": false, \"properties\": {\"summary\": {\"$ref\": \"#/$defs/JsonNestedSummary\"}}, \"required\": [\"summary\"], \"title\": \"DSPyProgramOutputs\", \"type\": \"object\"}, \"name\": \"DSPyProgramOutputs\", \"strict\": true}}";

  static final String INCOMPLETE_FORMAT =
      "{\"type\": \"json_schema\", \"json_schema\": {\"schema\": {\"additionalProperties\": false, \"properties\": {\"answer\": {\"title\": \"Answer\", \"type\": \"string\"}, \"score\": {\"title\": \"Score\", \"type\": \"number\"}}, \"required\": [\"answer\", \"score\"], \"title\": \"DSPyProgramOutputs\", \"type\": \"object\"}, \"name\": \"DSPyProgramOutputs\", \"strict\": true}}";

  static final String LISTS_FORMAT =
      "{\"type\": \"json_schema\", \"json_schema\": {\"schema\": {\"additionalProperties\": false, \"properties\": {\"answers\": {\"items\": {\"type\": \"string\"}, \"title\": \"Answers\", \"type\": \"array\"}, \"scores\": {\"items\": {\"type\": \"number\"}, \"title\": \"Scores\", \"type\": \"array\"}}, \"required\": [\"answers\", \"scores\"], \"title\": \"DSPyProgramOutputs\", \"type\": \"object\"}, \"name\": \"DSPyProgramOutputs\", \"strict\": true}}";

  static final String CARD_FORMAT =
      "{\"type\": \"json_schema\", \"json_schema\": {\"schema\": {\"$defs\": {\"AnswerCard\": {\"properties\": {\"answer\": {\"title\": \"Answer\", \"type\": \"string\"}, \"sources\": {\"items\": {\"type\": \"string\"}, \"title\": \"Sources\", \"type\": \"array\"}}, \"required\": [\"answer\", \"sources\"], \"title\": \"AnswerCard\", \"type\": \"object\", \"additionalProperties\": false}}, \"additionalProperties\": false, \"properties\": {\"answer\": {\"$ref\": \"#/$defs/AnswerCard\"}}, \"required\": [\"answer\"], \"title\": \"DSPyProgramOutputs\", \"type\": \"object\"}, \"name\": \"DSPyProgramOutputs\", \"strict\": true}}";

  static final String TYPED_FORMAT =
      "{\"type\": \"json_schema\", \"json_schema\": {\"schema\": {\"$defs\": {\"Address\": {\"properties\": {\"city\": {\"title\": \"City\", \"type\": \"string\"}, \"zip_code\": {\"title\": \"Zip Code\", \"type\": \"integer\"}}, \"required\": [\"city\", \"zip_code\"], \"title\": \"Address\", \"type\": \"object\", \"additionalProperties\": false}, \"Label\": {\"enum\": [\"POSITIVE\", \"NEGATIVE\", \"NEUTRAL\"], \"title\": \"Label\", \"type\": \"string\"}, \"Person\": {\"properties\": {\"name\": {\"title\": \"Name\", \"type\": \"string\"}, \"home\": {\"$ref\": \"#/$defs/Address\"}, \"nick\": {\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"null\"}], \"title\": \"Nick\"}, \"mood\": {\"$ref\": \"#/$defs/Label\"}, \"tags\": {\"items\": {\"type\": \"string\"}, \"title\": \"Tags\", \"type\": \"array\"}}, \"required\": [\"name\", \"home\", \"nick\", \"mood\", \"tags\"], \"title\": \"Person\", \"type\": \"object\", \"additionalProperties\": false}}, \"additionalProperties\": false, \"properties\": {\"count\": {\"title\": \"Count\", \"type\": \"integer\"}, \"mood\": {\"$ref\": \"#/$defs/Label\"}, \"updated\": {\"$ref\": \"#/$defs/Person\"}, \"note\": {\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"null\"}], \"title\": \"Note\"}, \"home\": {\"anyOf\": [{\"$ref\": \"#/$defs/Address\"}, {\"type\": \"null\"}]}, \"ratio\": {\"title\": \"Ratio\", \"type\": \"number\"}, \"ok\": {\"title\": \"Ok\", \"type\": \"boolean\"}, \"tags\": {\"items\": {\"type\": \"string\"}, \"title\": \"Tags\", \"type\": \"array\"}}, \"required\": [\"count\", \"mood\", \"updated\", \"note\", \"home\", \"ratio\", \"ok\", \"tags\"], \"title\": \"DSPyProgramOutputs\", \"type\": \"object\"}, \"name\": \"DSPyProgramOutputs\", \"strict\": true}}";

  static final String BAG_FORMAT =
      "{\"type\": \"json_schema\", \"json_schema\": {\"schema\": {\"$defs\": {\"Bag\": {\"properties\": {\"counts\": {\"additionalProperties\": false, \"title\": \"Counts\", \"type\": \"object\", \"properties\": {}, \"required\": []}, \"rows\": {\"items\": {\"additionalProperties\": false, \"type\": \"object\", \"properties\": {}, \"required\": []}, \"title\": \"Rows\", \"type\": \"array\"}, \"mood\": {\"anyOf\": [{\"$ref\": \"#/$defs/Label\"}, {\"type\": \"null\"}]}, \"anything\": {\"title\": \"Anything\"}}, \"required\": [\"counts\", \"rows\", \"mood\", \"anything\"], \"title\": \"Bag\", \"type\": \"object\", \"additionalProperties\": false}, \"Label\": {\"enum\": [\"POSITIVE\", \"NEGATIVE\", \"NEUTRAL\"], \"title\": \"Label\", \"type\": \"string\"}}, \"additionalProperties\": false, \"properties\": {\"bag\": {\"$ref\": \"#/$defs/Bag\"}, \"maybe\": {\"anyOf\": [{\"additionalProperties\": {\"type\": \"integer\"}, \"type\": \"object\"}, {\"type\": \"null\"}], \"title\": \"Maybe\"}, \"one\": {\"const\": \"finish\", \"title\": \"One\", \"type\": \"string\"}}, \"required\": [\"bag\", \"maybe\", \"one\"], \"title\": \"DSPyProgramOutputs\", \"type\": \"object\"}, \"name\": \"DSPyProgramOutputs\", \"strict\": true}}";
}
