import type { Theme } from "vitepress";
import DefaultTheme from "vitepress/theme";
import BenchChart from "./components/BenchChart.vue";
import IotPlayer from "./components/IotPlayer.vue";
import Playground from "./components/Playground.vue";
import RunOutput from "./components/RunOutput.vue";
import SpeedUp from "./components/SpeedUp.vue";
import "./style.css";

/** The default theme plus the live demos, registered for use in any page. */
const theme: Theme = {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component("Playground", Playground);
    app.component("IotPlayer", IotPlayer);
    app.component("BenchChart", BenchChart);
    app.component("RunOutput", RunOutput);
    app.component("SpeedUp", SpeedUp);
  },
};
export default theme;
