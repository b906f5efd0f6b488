package dev.bramble.runtime.config;

/** config.json asks for something bramble cannot do: names the JSON path, the problem and the remedy. */
public final class ConfigException extends RuntimeException {
  private final String jsonPath;
  private final String remedy;

  public ConfigException(String jsonPath, String problem, String remedy) {
    super(jsonPath + ": " + problem + (remedy == null ? "" : "; " + remedy));
    this.jsonPath = jsonPath;
    this.remedy = remedy;
  }

  public String jsonPath() {
    return jsonPath;
  }

  public String remedy() {
    return remedy;
  }
}
