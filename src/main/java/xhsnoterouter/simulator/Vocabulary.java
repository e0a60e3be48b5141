package xhsnoterouter.simulator;

import java.util.List;
import java.util.SplittableRandom;

/** Word lists the simulated notes are assembled from, so they read like real Xiaohongshu notes. */
final class Vocabulary {

    static final List<String> PLACES = List.of(
            "杭州", "上海", "成都", "大理", "厦门", "北京", "重庆", "长沙", "西安", "青岛", "苏州", "广州");
    static final List<String> SUBJECTS = List.of(
            "周末探店", "新年写真", "早餐合集", "秋冬穿搭", "小众咖啡馆", "一日游攻略", "居家收纳",
            "通勤妆容", "露营装备", "减脂餐", "读书笔记", "古镇漫步", "宝藏书店", "拍照机位");
    static final List<String> HOOKS = List.of(
            "真的绝了", "建议收藏", "一定要去", "不踩雷", "太出片了", "吹爆", "人少景美", "附详细路线",
            "新手也能学会", "保姆级教程");
    static final List<String> SENTENCES = List.of(
            "今天终于来打卡了,氛围感拉满!", "分享一下最近的心头好,姐妹们冲~", "第一次尝试这种风格,拍得特别开心!",
            "踩了很多坑总结出来的经验,希望对你有用。", "价格不贵但是体验感很好,会回购。",
            "周末和朋友一起来的,拍照超级好看。", "记录一下生活里的小确幸。", "Simple but lovely, would come again.");
    static final List<String> TOPICS = List.of(
            "旅行", "美食探店", "穿搭", "生活记录", "拍照姿势不重样", "新年写真", "国风", "周末去哪儿",
            "咖啡", "读书", "健身打卡", "家居好物", "城市漫步", "宝藏店铺", "OOTD");
    static final List<String> NICK_HEADS = List.of(
            "小", "阿", "橘子", "momo", "Luna", "奶茶", "风草", "晴天", "一只", "大白", "芒果", "Coco");
    static final List<String> NICK_TAILS = List.of(
            "吃了吗", "的日常", "爱旅行", "酱", "不加糖", "在路上", "同学", "_", "呀", "Lab", "小屋", "");
    static final List<String> PROVINCES = List.of(
            "浙江", "上海", "北京", "广东", "四川", "江苏", "福建", "湖南", "云南", "山东", "陕西", "重庆", "海外");
    static final int[][] IMAGE_SIZES = {{1080, 1440}, {1080, 1920}, {1080, 1080}, {1440, 1080}, {1242, 1656}};

    private Vocabulary() {
    }

    static String pick(List<String> words, SplittableRandom r) {
        return words.get(r.nextInt(words.size()));
    }

    static String nickname(SplittableRandom r) {
        return pick(NICK_HEADS, r) + pick(NICK_TAILS, r) + (r.nextInt(3) == 0 ? Integer.toString(r.nextInt(100)) : "");
    }

    /** A lower-case hex string of {@code length} characters, like XHS object and file IDs. */
    static String hex(SplittableRandom r, int length) {
        StringBuilder sb = new StringBuilder(length + 16);
        while (sb.length() < length) {
            sb.append(String.format("%016x", r.nextLong()));
        }
        return sb.substring(0, length);
    }
}
