#!/usr/bin/env python3
"""Build the vocmatch SAMPLE deployment in data/sample/.

SAMPLE DATA -- fictional people, real organisations where named; not official statistics.

Everything written to data/sample/ comes from this script: the hand-written content (schools,
enterprises, job postings, teachers, partnership activities) lives here as data structures, and
the few generated values (credit codes, ID numbers, phone numbers, dates, small numeric jitter)
come from one seeded ``random.Random(20261129)``.  Running the script twice yields identical
bytes.  Standard library only.

Usage:
    python scripts/build_sample_data.py            # (re)write data/sample/*
    python scripts/build_sample_data.py --check    # validate the written files, print counts
    python scripts/build_sample_data.py --out DIR  # write somewhere else (tests)

The "today" of the sample deployment is AS_OF = 2026-11-29.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import os
import random
import sys
from collections import Counter, defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUT = os.path.join(ROOT, "data", "sample")
DEFAULT_CATALOGUE = os.environ.get(
    "VOCMATCH_CATALOGUE", "/work/shared/data/moe_vocational_catalogue_all_levels.csv")

SEED = 20261129
AS_OF = dt.date(2026, 11, 29)
YEAR = 2026

D = dt.date.fromisoformat


def iso(d: dt.date | None) -> str:
    return d.isoformat() if d else ""


# ---------------------------------------------------------------------------------------------
# Check characters
# ---------------------------------------------------------------------------------------------
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]  # GB 11714 organisation code
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"  # ISO 7064 MOD 11-2 as used by GB 11643


def uscc_check_char(first17: str) -> str:
    """GB 32100-2015 check character of a Unified Social Credit Code."""
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS))
    c = 31 - total % 31
    return USCC_CHARSET[0 if c == 31 else c]


def org_check_char(body8: str) -> str:
    """GB 11714 check character of the 9-char organisation code embedded in a USCC."""
    def val(ch):
        return int(ch) if ch.isdigit() else ord(ch) - ord("A") + 10
    c = 11 - sum(val(ch) * w for ch, w in zip(body8, ORG_WEIGHTS)) % 11
    return "X" if c == 10 else ("0" if c == 11 else str(c))


def uscc_valid(code: str) -> bool:
    return (len(code) == 18 and all(ch in USCC_CHARSET for ch in code)
            and uscc_check_char(code[:17]) == code[17]
            and org_check_char(code[8:16]) == code[16])


def id_check_char(first17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS)) % 11]


def id_valid(idn: str) -> bool:
    if len(idn) != 18 or not idn[:17].isdigit():
        return False
    try:
        D(f"{idn[6:10]}-{idn[10:12]}-{idn[12:14]}")
    except ValueError:
        return False
    return id_check_char(idn[:17]) == idn[17]


class Gen:
    """All randomness of the sample goes through this one seeded generator."""

    ORG_BODY = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # letters I O S V Z never used
    MOBILE_PREFIX = ["135", "136", "137", "138", "139", "150", "151", "152", "157", "158", "159",
                     "177", "180", "181", "182", "186", "187", "188", "189", "191", "199"]

    def __init__(self, seed=SEED):
        self.r = random.Random(seed)
        self.used_uscc: set[str] = set()
        self.used_ids: set[str] = set()
        self.used_phones: set[str] = set()
        self.used_names: set[str] = set()

    def uscc(self, division: str) -> str:
        while True:
            body = "".join(self.r.choice(self.ORG_BODY) for _ in range(8))
            first17 = "91" + division + body + org_check_char(body)
            code = first17 + uscc_check_char(first17)
            if code not in self.used_uscc:
                self.used_uscc.add(code)
                return code

    def id_card(self, division: str, birth_year: int, male: bool) -> str:
        while True:
            born = dt.date(birth_year, 1, 1) + dt.timedelta(days=self.r.randrange(365))
            seq = self.r.randrange(0, 500) * 2 + (1 if male else 0)  # odd = male
            first17 = f"{division}{born:%Y%m%d}{seq:03d}"
            idn = first17 + id_check_char(first17)
            if idn not in self.used_ids:
                self.used_ids.add(idn)
                return idn

    def phone(self) -> str:
        while True:
            p = self.r.choice(self.MOBILE_PREFIX) + f"{self.r.randrange(10**8):08d}"
            if p not in self.used_phones:
                self.used_phones.add(p)
                return p

    # Fictional personal names.  Surnames weighted towards those common in southern Jiangxi.
    SURNAMES = ("刘刘刘曾曾曾钟钟谢谢黄黄陈陈李李赖赖邱罗罗肖肖廖温叶郭朱王张杨胡蔡邓凌古"
                "彭吴徐何袁兰孙卢严欧阳")
    GIVEN_M = "建志伟俊文斌华明军勇强林杰海峰涛辉鹏飞宇浩然亮平春荣军光磊东晨坤锋冬祥晖"
    GIVEN_F = "丽芳燕红霞婷娟敏静琳秀兰英慧洁玉琴萍雪梅娜颖倩薇莉佳欣怡晓璐瑶诗雅蓉"
    GIVEN_ANY = "子思嘉雨晓新远云清志梓文小立永德"

    def name(self, male: bool) -> str:
        pool = self.GIVEN_M if male else self.GIVEN_F
        while True:
            s = self.r.choice(self.SURNAMES)
            if s in "欧阳":  # keep the compound surname together
                s = "欧阳"
            if self.r.random() < 0.18:
                n = s + self.r.choice(pool)
            else:
                first = self.r.choice(self.GIVEN_ANY + pool)
                n = s + first + self.r.choice(pool)
            if n not in self.used_names and len(set(n[len(s):])) == len(n[len(s):]):
                self.used_names.add(n)
                return n

    def date_between(self, a: dt.date, b: dt.date) -> dt.date:
        return a + dt.timedelta(days=self.r.randrange((b - a).days + 1))


def write_csv(path: str, header: list[str], rows: list[list]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        assert len(row) == len(header), (path, row)
        w.writerow(["" if v is None else v for v in row])
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def read_csv(path: str) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# ---------------------------------------------------------------------------------------------
# Programmes used by the sample (code -> name exactly as in the 2021 MoE catalogue, level 中职).
# --check re-verifies every one against the shared catalogue file.
# ---------------------------------------------------------------------------------------------
PROGRAMMES = {
    "630501": "有色金属冶炼技术",
    "630502": "金属压力加工",
    "660102": "机械加工技术",
    "660103": "数控技术应用",
    "660105": "焊接技术应用",
    "660201": "智能设备运行与维护",
    "660301": "机电技术应用",
    "660302": "电气设备运行与控制",
    "660303": "工业机器人技术应用",
    "660306": "智能化生产线安装与运维",
    "660702": "新能源汽车制造与检测",
    "670201": "化学工艺",
    "670207": "分析检验技术",
    "700206": "汽车运用与维修",
    "710103": "电子技术应用",
    "710201": "计算机应用",
    "710204": "数字媒体技术应用",
    "730301": "会计事务",
    "730701": "电子商务",
    "730705": "直播电商服务",
    "730801": "物流服务与管理",
    "740104": "高星级饭店运营与管理",
    "740201": "中餐烹饪",
    "770101": "幼儿保育",
}

# Occupations / trades (mostly names from the 2022 occupational classification) counted as
# "in the field" of each programme when the sample is designed and checked.  The product's own
# rule set is configurable; this table only documents what the sample was designed against.
PROGRAMME_FIELDS = {
    "630501": {"稀土冶炼工", "稀土材料生产工", "重冶湿法冶炼工", "钨钼冶炼工", "冶金机电设备点检",
               "有色金属冶炼", "稀土冶炼", "冶金工程"},
    "630502": {"硬质合金成型工", "金属轧制工", "金属挤压工", "金属材丝拉拔工", "冶金机电设备点检",
               "金属压力加工"},
    "660102": {"车工", "铣工", "磨工", "数控车工", "数控铣工", "多工序数控机床操作调整工", "机械制造"},
    "660103": {"车工", "铣工", "数控车工", "数控铣工", "加工中心操作工", "多工序数控机床操作调整工",
               "数控车铣加工", "机械制造"},
    "660105": {"焊工", "焊接", "焊接工程"},
    "660201": {"电工", "钳工", "智能制造", "工业机器人系统运维员", "机电一体化", "设备工程"},
    "660301": {"电工", "钳工", "装配钳工", "机修钳工", "机电一体化", "电气工程", "自动控制"},
    "660302": {"电工", "电气工程", "变配电运行值班员", "自动控制"},
    "660303": {"工业机器人系统操作员", "工业机器人系统运维员", "电工", "机电一体化", "自动控制",
               "机器人工程"},
    "660306": {"工业机器人系统运维员", "智能制造", "电工", "自动控制", "机电一体化"},
    "660702": {"汽车装调工", "汽车维修工", "电池及电池系统维修保养师", "汽车工程"},
    "670201": {"化工总控工", "化工单元操作工", "化学检验员", "化学工程"},
    "670207": {"化学检验员", "化工总控工", "分析化学", "化学工程"},
    "700206": {"汽车维修工", "汽车工程"},
    "710103": {"电子设备装接工", "电子电气产品检验员", "电子工程", "电工"},
    "710201": {"计算机程序设计员", "计算机维修工", "网络与信息安全管理员", "计算机"},
    "710204": {"数字媒体", "互联网营销师"},
    "730301": {"会计"},
    "730701": {"电子商务师", "互联网营销师"},
    "730705": {"互联网营销师", "电子商务师"},
    "730801": {"物流服务师"},
    "740104": {"前厅服务员", "客房服务员"},
    "740201": {"中式烹调师", "中式面点师"},
    "770101": {"保育师", "育婴员"},
}

# ---------------------------------------------------------------------------------------------
# Schools
# ---------------------------------------------------------------------------------------------
# code, name, short_name, kind, address, founded_year, website, invented?, note
SCHOOLS = [
    ("GXZZ", "赣县中等专业学校", "赣县中专", "public", "江西省赣州市赣县区", 1985, "", False,
     "real school (the plan's 赣县中等专业学校, upgraded from 赣县职校 during 2016-2020); "
     "address given only to district level and founded_year is an estimate"),
    ("GJZX", "赣县区贡江职业技术学校", "贡江职校", "private", "江西省赣州市赣县区梅林镇贡江大道", 2008, "",
     True, "INVENTED private vocational school"),
    ("XJZX", "赣县区稀金职业技术学校", "稀金职校", "private", "江西省赣州市赣县区储潭镇", 2018, "",
     True, "INVENTED private vocational school; stands for the private 中职 school the plan says "
           "was added in 2016-2020"),
    ("GXJX", "赣州高新区技工学校", "高新技校", "public", "江西省赣州市赣县区赣州高新区", 2024, "",
     True, "INVENTED public technical school; stands for the plan's box 4 'new public 中职 "
           "(技工) school'. Real 技工学校 use the MoHRSS 技工院校专业目录; here its programmes are "
           "mapped to MoE 中职 codes so the product can treat all schools alike"),
]

# Offerings for year 2026.
# school, code, intake_plan, key_demonstration, characteristic, provincial_quality, since_year
OFFERINGS = [
    # 赣县中等专业学校 -- leans to the four chains; 14 programmes
    ("GXZZ", "660103", 200, 1, 0, 1, 2003),
    ("GXZZ", "660301", 190, 1, 0, 1, 2006),
    ("GXZZ", "660303", 140, 0, 1, 0, 2019),
    ("GXZZ", "630501", 100, 0, 1, 0, 2021),
    ("GXZZ", "660702", 140, 0, 0, 0, 2021),
    ("GXZZ", "670207", 80, 0, 0, 0, 2021),
    ("GXZZ", "660302", 140, 0, 0, 0, 2012),
    ("GXZZ", "710103", 100, 0, 0, 0, 2005),
    ("GXZZ", "630502", 50, 0, 0, 0, 2024),
    ("GXZZ", "660105", 70, 0, 0, 0, 2016),
    ("GXZZ", "730301", 180, 0, 0, 0, 1995),
    ("GXZZ", "710201", 200, 0, 0, 0, 1998),
    ("GXZZ", "730701", 160, 0, 0, 0, 2014),
    ("GXZZ", "770101", 200, 0, 0, 1, 2010),
    # 贡江职校 (private, invented)
    ("GJZX", "660702", 120, 0, 1, 0, 2020),
    ("GJZX", "700206", 120, 0, 0, 0, 2009),
    ("GJZX", "660301", 100, 0, 0, 0, 2012),
    ("GJZX", "710201", 120, 0, 0, 0, 2009),
    ("GJZX", "730701", 100, 0, 0, 0, 2016),
    ("GJZX", "740201", 80, 0, 0, 0, 2013),
    ("GJZX", "730801", 60, 0, 0, 0, 2019),
    # 稀金职校 (private, invented)
    ("XJZX", "660201", 90, 0, 0, 0, 2019),
    ("XJZX", "670201", 60, 0, 0, 0, 2020),
    ("XJZX", "730301", 100, 0, 0, 0, 2018),
    ("XJZX", "770101", 120, 0, 0, 0, 2018),
    ("XJZX", "740104", 60, 0, 0, 0, 2018),
    ("XJZX", "710204", 80, 0, 0, 0, 2019),
    ("XJZX", "730705", 60, 0, 0, 0, 2024),
    # 高新技校 (public technical school, invented, opened 2024)
    ("GXJX", "660102", 100, 0, 0, 0, 2024),
    ("GXJX", "660302", 100, 0, 0, 0, 2024),
    ("GXJX", "660105", 60, 0, 0, 0, 2024),
    ("GXJX", "660306", 80, 0, 0, 0, 2024),
]

# Enrolled students per school 2020-2025 (2026 = sum of offerings.csv).  Schools appear only
# from the year they enrolled students.  District 2020 = 8,000 (the plan's 0.8 万).
ENROLMENT_HISTORY = {
    "GXZZ": {2020: 4700, 2021: 4860, 2022: 4790, 2023: 4985, 2024: 5140, 2025: 5235},
    "GJZX": {2020: 1850, 2021: 1915, 2022: 1780, 2023: 1820, 2024: 1865, 2025: 1890},
    "XJZX": {2020: 1450, 2021: 1590, 2022: 1525, 2023: 1480, 2024: 1505, 2025: 1540},
    "GXJX": {2024: 310, 2025: 590},
}


# ---------------------------------------------------------------------------------------------
# Enterprises
# ---------------------------------------------------------------------------------------------
# The first 32 are the enterprises of shared/data/ganzhou_enterprises_from_public_pages.csv, in
# that file's order; source_url is copied from it.  location_kind rules (see README):
#   赣州高新区 / 赣县经济开发区 / 赣州钴钼稀有金属产业基地  -> high_tech_zone
#   anywhere else in Ganzhou (incl. 赣州经开区, 龙南, 大余, 兴国, 信丰, 赣县 without a park) -> ganzhou
# key: (name, short_names, division, location_kind, city, address, size, is_leading, chains,
#       website, source_url, notes)
SRC_ZGXT = "http://zslijia.com/tag/730.html ; http://en.hongxingpaper.com/n2588025/n2588124/c30163907/content.html"
SRC_HX = "http://en.hongxingpaper.com/n2588025/n2588124/c30163907/content.html"
SRC_RE9 = "https://rareearths9.com/index.php/Home/News/show/cid/203/gid/1941"
SRC_NHCBU = "http://www.nhcbu.cn/28/20140127/282104_1685269.shtml"
SRC_KWZ = "http://m.kaiwenzhou.com/redian/2023/0623/96764.html"
SRC_KCSZ = "http://kachisouzou.com/news/qiye/0916143SH024.html"
SRC_BKWK = "https://www.bkwk.cn/article/gzznzzjmcysjxdl.html"

ENTERPRISES = {
    "CRE": ("中国稀土集团有限公司", "中国稀土;中国稀土集团", "360700", "ganzhou", "赣州市", "江西省赣州市",
            "large", 1, "rare_earth", "", SRC_ZGXT,
            "集团总部在赣州；强链固链项目在赣州高新区（见 source）"),
    "ZXGZ": ("中稀（赣州）稀土新材料有限公司", "中稀赣州;中稀新材料", "360704", "high_tech_zone",
             "赣州市赣县区", "江西省赣州市赣县区赣州高新区", "large", 1, "rare_earth", "", SRC_HX,
             "10000吨/年稀土冶炼分离示范项目"),
    "NFXT": ("江西南方稀土高技术股份有限公司", "南方稀土", "360700", "ganzhou", "赣州市", "江西省赣州市",
             "large", 0, "rare_earth", "", SRC_HX, "年产10000吨稀土金属异地搬迁技改项目"),
    "GZXT": ("赣州稀土集团有限公司", "赣州稀土;赣稀集团", "360700", "ganzhou", "赣州市", "江西省赣州市",
             "large", 0, "rare_earth", "", "https://medhubonline.com/baike/organization/ganzhoure/running.shtml ; http://mric.jogmec.go.jp/news_flash/20130401/32729/",
             "稀土开采、冶炼分离、加工、贸易、研发一体化"),
    "JLCY": ("江西金力永磁科技有限公司", "金力永磁;金力", "360700", "ganzhou", "赣州市",
             "江西省赣州市赣州经济技术开发区", "large", 1, "rare_earth", "https://www.jlmag.com.cn",
             "http://eastwp.net/news/show.php?itemid=4170",
             "名称按共享数据；现为上市公司，登记名称应为“江西金力永磁科技股份有限公司”，待用户确认"),
    "CZYS": ("赣州诚正有色金属有限公司", "诚正有色;诚正", "360704", "high_tech_zone", "赣州市赣县区",
             "江西省赣州市赣县区（原赣县经济开发区）", "medium", 0, "rare_earth", "", SRC_RE9,
             "高性能稀土永磁材料 2000吨/年项目"),
    "QDDJ": ("赣州虔达电机有限公司", "虔达电机", "360700", "ganzhou", "赣州市", "江西省赣州市",
             "medium", 0, "rare_earth;intelligent_equipment", "", SRC_RE9, "高效节能永磁电机 30万台/年项目"),
    "JCKJ": ("江西炬诚科技有限公司", "炬诚科技", "360704", "high_tech_zone", "赣州市赣县区",
             "江西省赣州市赣县区赣州钴钼稀有金属产业基地", "small", 0, "rare_earth", "", SRC_RE9,
             "钕铁硼废料、荧光粉废料综合回收；产业基地按高新区处理（待核实）"),
    "JYXT": ("赣县金鹰稀土实业有限公司", "金鹰稀土", "360704", "ganzhou", "赣州市赣县区", "江西省赣州市赣县区",
             "medium", 0, "rare_earth", "", "http://www.nhcbu.cn/28/20140127/282104_1685269.shtml",
             "稀土金属氧化物、钕铁硼废料萃取分离；是否位于高新区内待确认"),
    "LYXC": ("磊源新材料", "磊源", "360700", "ganzhou", "赣州市", "江西省赣州市", "small", 0,
             "rare_earth", "", SRC_NHCBU, "变焦马达技改项目；共享数据未给出完整登记名称"),
    "HSYZ": ("赣州海盛硬质合金有限公司", "海盛硬质合金;海盛", "360700", "ganzhou", "赣州市", "江西省赣州市",
             "medium", 0, "tungsten", "", SRC_RE9, "高性能钨硬质合金刀具 300万件/年项目"),
    "JWXC": ("江钨新材", "江钨", "360700", "ganzhou", "赣州市", "江西省赣州市", "large", 1, "tungsten",
             "", SRC_NHCBU, "矿产业龙头企业；共享数据未给出完整登记名称"),
    "BLWF": ("赣州百利钨粉钨条", "百利钨业;百利", "360700", "ganzhou", "赣州市", "江西省赣州市", "small", 0,
             "tungsten", "", SRC_NHCBU, "钨粉、钨条；共享数据未给出完整登记名称"),
    "YSGM": ("耀升工贸", "耀升", "360700", "ganzhou", "赣州市", "江西省赣州市", "small", 0, "tungsten",
             "", SRC_NHCBU, "高性能硬质合金涂层刀片；共享数据未给出完整登记名称"),
    "AKT": ("赣州澳克泰工具技术有限公司", "澳克泰工具技术有限公司;澳克泰", "360700", "ganzhou", "赣州市",
            "江西省赣州市", "large", 1, "tungsten", "", SRC_NHCBU,
            "硬质合金刀具，设院士工作站；共享数据名称为“澳克泰工具技术有限公司”，补全为赣州澳克泰（章源钨业旗下）"),
    "XLWY": ("江西翔鹭钨业有限公司", "翔鹭钨业", "360723", "ganzhou", "赣州市大余县", "江西省赣州市大余县",
             "medium", 0, "tungsten", "",
             "http://www.jx.xinhuanet.com/20250811/f9397457321d4269b5b6be4ca1b1eff9/c.html",
             "钨粉（全自动还原炉）；大余县钨产业链"),
    "TYGY": ("赣州腾远钴业新材料股份有限公司", "腾远钴业;腾远", "360704", "high_tech_zone", "赣州市赣县区",
             "江西省赣州市赣县区赣州高新区", "large", 1, "new_energy", "", SRC_KWZ,
             "共享数据名称为“腾远钴业”，补全为登记名称；位于赣县区（钴钼产业基地）"),
    "RFT": ("瑞富特", "瑞富特", "360700", "ganzhou", "赣州市", "江西省赣州市", "medium", 0, "new_energy",
            "", SRC_KWZ, "锂电新能源代表企业；共享数据未给出完整登记名称"),
    "SLFC": ("石磊氟材料", "石磊氟化;石磊", "360700", "ganzhou", "赣州市", "江西省赣州市", "medium", 0,
             "new_energy", "", SRC_KWZ, "锂电新能源（氟材料）；共享数据未给出完整登记名称"),
    "SYXC": ("盛源新材", "盛源", "360700", "ganzhou", "赣州市", "江西省赣州市", "small", 0, "new_energy",
             "", SRC_KWZ, "锂电新能源代表企业；共享数据未给出完整登记名称"),
    "YPNY": ("亿鹏能源", "亿鹏", "360700", "ganzhou", "赣州市", "江西省赣州市", "small", 0, "new_energy",
             "", SRC_KWZ, "锂电新能源代表企业；共享数据未给出完整登记名称"),
    "JNNY": ("江西佳纳能源科技有限公司", "佳纳能源;佳纳", "360727", "ganzhou", "赣州市龙南市",
             "江西省赣州市龙南市", "large", 0, "new_energy", "", SRC_KWZ, "龙南首个超百亿元工业项目"),
    "FNKJ": ("孚能科技（赣州）股份有限公司", "孚能科技;孚能", "360700", "ganzhou", "赣州市",
             "江西省赣州市赣州经济技术开发区", "large", 1, "new_energy", "", SRC_KWZ,
             "新能源车用动力电池；吉利耀能动力电池项目"),
    "GFXH": ("江西赣锋循环科技有限公司", "赣锋循环", "360700", "ganzhou", "赣州市", "江西省赣州市",
             "large", 1, "new_energy", "", SRC_KWZ, "退役锂电池综合回收项目"),
    "ZCLD": ("志存锂电新材料产业园", "志存锂电", "360700", "ganzhou", "赣州市", "江西省赣州市", "large", 0,
             "new_energy", "", SRC_KWZ, "产业园，非单一企业（信用代码对产业园无意义，此处仍为虚构值以满足格式）"),
    "LSXC": ("江西龙晟新材料有限公司", "龙晟新材料;龙晟", "360727", "ganzhou", "赣州市龙南市",
             "江西省赣州市龙南市", "medium", 0, "new_energy", "", SRC_KCSZ, "废旧三元锂电池回收"),
    "TQJT": ("天奇金泰阁", "金泰阁", "360727", "ganzhou", "赣州市龙南市", "江西省赣州市龙南市", "medium", 0,
             "new_energy", "", SRC_KCSZ, "锂电回收；共享数据未给出完整登记名称"),
    "JYKJ": ("嘉元科技", "嘉元", "360727", "ganzhou", "赣州市龙南市", "江西省赣州市龙南市", "large", 0,
             "new_energy", "", SRC_KCSZ, "锂电铜箔（龙南基地）；共享数据未给出完整登记名称"),
    "HHXC": ("浩海新材料", "浩海", "360727", "ganzhou", "赣州市龙南市", "江西省赣州市龙南市", "small", 0,
             "new_energy", "", SRC_KCSZ, "锂电及配套；共享数据未给出完整登记名称"),
    "XMZN": ("江西晓明智能科技有限公司", "晓明智能", "360732", "ganzhou", "赣州市兴国县",
             "江西省赣州市兴国县洪门工业园区", "medium", 0, "intelligent_equipment", "",
             "http://www.xingguo.gov.cn/xgxxxgk/xg10855/202403/144d83e6908240b9aac09fc05f464393.shtml",
             "LCD液晶显示、工业机器人"),
    "KSGX": ("赣州科视光学", "科视光学", "360700", "ganzhou", "赣州市", "江西省赣州市", "small", 0,
             "intelligent_equipment", "", SRC_BKWK, "数字光刻设备；来源可靠性低；共享数据未给出完整登记名称"),
    "MLD": ("江西铭利达精密技术股份有限公司", "铭利达", "360722", "ganzhou", "赣州市信丰县",
            "江西省赣州市信丰县", "large", 0, "intelligent_equipment", "", SRC_BKWK, "精密结构件三期项目"),
    # --- Greater Bay Area enterprises (real companies; credit codes invented) -------------------
    "BYD": ("比亚迪股份有限公司", "比亚迪;BYD", "440300", "bay_area", "深圳市", "广东省深圳市坪山区",
            "large", 0, "new_energy;intelligent_equipment", "https://www.byd.com", "",
            "大湾区企业；动力电池、新能源汽车"),
    "BRUNP": ("广东邦普循环科技有限公司", "邦普循环;邦普", "440600", "bay_area", "佛山市",
              "广东省佛山市三水区", "large", 0, "new_energy", "https://www.brunp.com.cn", "",
              "大湾区企业；动力电池回收、前驱体"),
    "GREE": ("珠海格力电器股份有限公司", "格力电器;格力", "440400", "bay_area", "珠海市", "广东省珠海市香洲区",
             "large", 0, "intelligent_equipment", "https://www.gree.com", "",
             "大湾区企业；空调、智能装备（数控机床、工业机器人）"),
    "MIDEA": ("美的集团股份有限公司", "美的集团;美的", "440600", "bay_area", "佛山市", "广东省佛山市顺德区",
              "large", 0, "intelligent_equipment", "https://www.midea.com", "",
              "大湾区企业；家电、机器人与自动化"),
    "INOV": ("深圳市汇川技术股份有限公司", "汇川技术;汇川", "440300", "bay_area", "深圳市", "广东省深圳市龙华区",
             "large", 1, "intelligent_equipment;new_energy", "https://www.inovance.com", "",
             "大湾区企业；伺服、变频器、PLC、工业机器人、新能源汽车电驱"),
    "HANS": ("大族激光科技产业集团股份有限公司", "大族激光;大族", "440300", "bay_area", "深圳市",
             "广东省深圳市", "large", 0, "intelligent_equipment", "https://www.hanslaser.com", "",
             "大湾区企业；激光加工装备、焊接机器人"),
    "SUNW": ("欣旺达电子股份有限公司", "欣旺达", "440300", "bay_area", "深圳市", "广东省深圳市宝安区",
             "large", 0, "new_energy", "https://www.sunwoda.com", "", "大湾区企业；锂电池电芯、模组"),
    "DYDJ": ("中山大洋电机股份有限公司", "大洋电机", "442000", "bay_area", "中山市", "广东省中山市",
             "large", 0, "rare_earth;intelligent_equipment", "https://www.broad-ocean.com", "",
             "大湾区企业；电机（含稀土永磁电机）、新能源汽车驱动"),
    "GSK": ("广州数控设备有限公司", "广州数控;GSK", "440100", "bay_area", "广州市", "广东省广州市黄埔区",
            "large", 0, "intelligent_equipment", "https://www.gsk.com.cn", "",
            "大湾区企业；数控系统、伺服、工业机器人"),
    # --- Local firms outside the four chains: ALL INVENTED (虚构) --------------------------------
    "QSWL": ("赣州虔顺物流有限公司", "虔顺物流", "360704", "high_tech_zone", "赣州市赣县区",
             "江西省赣州市赣县区赣州高新区", "small", 0, "", "", "", "虚构企业：第三方物流、园区仓储"),
    "KJJD": ("赣州客家印象酒店管理有限公司", "客家印象酒店", "360704", "ganzhou", "赣州市赣县区",
             "江西省赣州市赣县区梅林镇", "small", 0, "", "", "", "虚构企业：酒店、客家菜餐饮"),
    "WJF": ("赣州万佳福超市连锁有限公司", "万佳福超市;万佳福", "360704", "ganzhou", "赣州市赣县区",
            "江西省赣州市赣县区梅林镇", "medium", 0, "", "", "", "虚构企业：本地连锁超市，20余家门店"),
    "KTYY": ("赣县区康泰医院有限公司", "康泰医院", "360704", "ganzhou", "赣州市赣县区", "江西省赣州市赣县区",
             "small", 0, "", "", "", "虚构企业：民营二级综合医院"),
    "PGY": ("赣县区蒲公英幼儿园有限公司", "蒲公英幼儿园", "360704", "ganzhou", "赣州市赣县区",
            "江西省赣州市赣县区梅林镇", "micro", 0, "", "", "", "虚构企业：营利性民办幼儿园"),
    "CXYX": ("赣州橙乡优选电子商务有限公司", "橙乡优选", "360704", "high_tech_zone", "赣州市赣县区",
             "江西省赣州市赣县区赣州高新区", "small", 0, "", "", "", "虚构企业：赣南脐橙等农产品电商、直播带货"),
    "XJCY": ("赣州稀金餐饮管理有限公司", "稀金餐饮", "360704", "high_tech_zone", "赣州市赣县区",
             "江西省赣州市赣县区赣州高新区", "small", 0, "", "", "", "虚构企业：园区企业食堂团餐承包"),
}

# Default posting location per enterprise (a posting may override it).
DEFAULT_LOCATION = {
    "CRE": "赣州高新区", "ZXGZ": "赣州高新区", "NFXT": "赣州市", "GZXT": "赣州市", "JLCY": "赣州经开区",
    "CZYS": "赣州高新区", "QDDJ": "赣州市", "JCKJ": "赣州高新区", "JYXT": "赣县区", "LYXC": "赣州市",
    "HSYZ": "赣州市", "JWXC": "赣州市", "BLWF": "赣州市", "YSGM": "赣州市", "AKT": "赣州经开区",
    "XLWY": "大余县", "TYGY": "赣州高新区", "RFT": "赣州市", "SLFC": "赣州市", "SYXC": "赣州市",
    "YPNY": "赣州市", "JNNY": "龙南市", "FNKJ": "赣州经开区", "GFXH": "赣州市", "ZCLD": "赣州市",
    "LSXC": "龙南市", "TQJT": "龙南市", "JYKJ": "龙南市", "HHXC": "龙南市", "XMZN": "兴国县",
    "KSGX": "赣州市", "MLD": "信丰县", "BYD": "深圳市坪山区", "BRUNP": "佛山市三水区",
    "GREE": "珠海市香洲区", "MIDEA": "佛山市顺德区", "INOV": "深圳市龙华区", "HANS": "深圳市宝安区",
    "SUNW": "深圳市宝安区", "DYDJ": "中山市", "GSK": "广州市黄埔区", "QSWL": "赣州高新区",
    "KJJD": "赣县区", "WJF": "赣县区", "KTYY": "赣县区", "PGY": "赣县区", "CXYX": "赣州高新区",
    "XJCY": "赣州高新区",
}


def ent_name(key: str) -> str:
    return ENTERPRISES[key][0]


def is_bay(key: str) -> bool:
    return ENTERPRISES[key][3] == "bay_area"
