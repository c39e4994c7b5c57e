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
    "VOCMATCH_CATALOGUE", "/work/shared/data/moe_vocational_catalogue_all_levels.csv"
)

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
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    c = 31 - total % 31
    return USCC_CHARSET[0 if c == 31 else c]


def org_check_char(body8: str) -> str:
    """GB 11714 check character of the 9-char organisation code embedded in a USCC."""

    def val(ch):
        return int(ch) if ch.isdigit() else ord(ch) - ord("A") + 10

    c = 11 - sum(val(ch) * w for ch, w in zip(body8, ORG_WEIGHTS, strict=True)) % 11
    return "X" if c == 10 else ("0" if c == 11 else str(c))


def uscc_valid(code: str) -> bool:
    return (
        len(code) == 18
        and all(ch in USCC_CHARSET for ch in code)
        and uscc_check_char(code[:17]) == code[17]
        and org_check_char(code[8:16]) == code[16]
    )


def id_check_char(first17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


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
    MOBILE_PREFIX = [
        "135",
        "136",
        "137",
        "138",
        "139",
        "150",
        "151",
        "152",
        "157",
        "158",
        "159",
        "177",
        "180",
        "181",
        "182",
        "186",
        "187",
        "188",
        "189",
        "191",
        "199",
    ]

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
    SURNAMES = (
        "刘刘刘曾曾曾钟钟谢谢黄黄陈陈李李赖赖邱罗罗肖肖廖温叶郭朱王张杨胡蔡邓凌古"
        "彭吴徐何袁兰孙卢严欧阳"
    )
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
            if n not in self.used_names and len(set(n[len(s) :])) == len(n[len(s) :]):
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
    "630501": {
        "稀土冶炼工",
        "稀土材料生产工",
        "重冶湿法冶炼工",
        "钨钼冶炼工",
        "冶金机电设备点检",
        "有色金属冶炼",
        "稀土冶炼",
        "冶金工程",
    },
    "630502": {
        "硬质合金成型工",
        "金属轧制工",
        "金属挤压工",
        "金属材丝拉拔工",
        "冶金机电设备点检",
        "金属压力加工",
    },
    "660102": {
        "车工",
        "铣工",
        "磨工",
        "数控车工",
        "数控铣工",
        "多工序数控机床操作调整工",
        "机械制造",
    },
    "660103": {
        "车工",
        "铣工",
        "数控车工",
        "数控铣工",
        "加工中心操作工",
        "多工序数控机床操作调整工",
        "数控车铣加工",
        "机械制造",
    },
    "660105": {"焊工", "焊接", "焊接工程"},
    "660201": {"电工", "钳工", "智能制造", "工业机器人系统运维员", "机电一体化", "设备工程"},
    "660301": {"电工", "钳工", "装配钳工", "机修钳工", "机电一体化", "电气工程", "自动控制"},
    "660302": {"电工", "电气工程", "变配电运行值班员", "自动控制"},
    "660303": {
        "工业机器人系统操作员",
        "工业机器人系统运维员",
        "电工",
        "机电一体化",
        "自动控制",
        "机器人工程",
    },
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
    (
        "GXZZ",
        "赣县中等专业学校",
        "赣县中专",
        "public",
        "江西省赣州市赣县区",
        1985,
        "",
        False,
        "real school (the plan's 赣县中等专业学校, upgraded from 赣县职校 during 2016-2020); "
        "address given only to district level and founded_year is an estimate",
    ),
    (
        "GJZX",
        "赣县区贡江职业技术学校",
        "贡江职校",
        "private",
        "江西省赣州市赣县区梅林镇贡江大道",
        2008,
        "",
        True,
        "INVENTED private vocational school",
    ),
    (
        "XJZX",
        "赣县区稀金职业技术学校",
        "稀金职校",
        "private",
        "江西省赣州市赣县区储潭镇",
        2018,
        "",
        True,
        "INVENTED private vocational school; stands for the private 中职 school the plan says "
        "was added in 2016-2020",
    ),
    (
        "GXJX",
        "赣州高新区技工学校",
        "高新技校",
        "public",
        "江西省赣州市赣县区赣州高新区",
        2024,
        "",
        True,
        "INVENTED public technical school; stands for the plan's box 4 'new public 中职 "
        "(技工) school'. Real 技工学校 use the MoHRSS 技工院校专业目录; here its programmes are "
        "mapped to MoE 中职 codes so the product can treat all schools alike",
    ),
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
    "GXZZ": {2020: 4700, 2021: 4860, 2022: 4790, 2023: 4985, 2024: 5010, 2025: 5065},
    "GJZX": {2020: 1850, 2021: 1915, 2022: 1780, 2023: 1820, 2024: 1845, 2025: 1870},
    "XJZX": {2020: 1450, 2021: 1590, 2022: 1525, 2023: 1480, 2024: 1470, 2025: 1490},
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
    "CRE": (
        "中国稀土集团有限公司",
        "中国稀土;中国稀土集团",
        "360700",
        "ganzhou",
        "赣州市",
        "江西省赣州市",
        "large",
        1,
        "rare_earth",
        "",
        SRC_ZGXT,
        "集团总部在赣州；强链固链项目在赣州高新区（见 source）",
    ),
    "ZXGZ": (
        "中稀（赣州）稀土新材料有限公司",
        "中稀赣州;中稀新材料",
        "360704",
        "high_tech_zone",
        "赣州市赣县区",
        "江西省赣州市赣县区赣州高新区",
        "large",
        1,
        "rare_earth",
        "",
        SRC_HX,
        "10000吨/年稀土冶炼分离示范项目",
    ),
    "NFXT": (
        "江西南方稀土高技术股份有限公司",
        "南方稀土",
        "360700",
        "ganzhou",
        "赣州市",
        "江西省赣州市",
        "large",
        0,
        "rare_earth",
        "",
        SRC_HX,
        "年产10000吨稀土金属异地搬迁技改项目",
    ),
    "GZXT": (
        "赣州稀土集团有限公司",
        "赣州稀土;赣稀集团",
        "360700",
        "ganzhou",
        "赣州市",
        "江西省赣州市",
        "large",
        0,
        "rare_earth",
        "",
        "https://medhubonline.com/baike/organization/ganzhoure/running.shtml ; http://mric.jogmec.go.jp/news_flash/20130401/32729/",
        "稀土开采、冶炼分离、加工、贸易、研发一体化",
    ),
    "JLCY": (
        "江西金力永磁科技有限公司",
        "金力永磁;金力",
        "360700",
        "ganzhou",
        "赣州市",
        "江西省赣州市赣州经济技术开发区",
        "large",
        1,
        "rare_earth",
        "https://www.jlmag.com.cn",
        "http://eastwp.net/news/show.php?itemid=4170",
        "名称按共享数据；现为上市公司，登记名称应为“江西金力永磁科技股份有限公司”，待用户确认",
    ),
    "CZYS": (
        "赣州诚正有色金属有限公司",
        "诚正有色;诚正",
        "360704",
        "high_tech_zone",
        "赣州市赣县区",
        "江西省赣州市赣县区（原赣县经济开发区）",
        "medium",
        0,
        "rare_earth",
        "",
        SRC_RE9,
        "高性能稀土永磁材料 2000吨/年项目",
    ),
    "QDDJ": (
        "赣州虔达电机有限公司",
        "虔达电机",
        "360700",
        "ganzhou",
        "赣州市",
        "江西省赣州市",
        "medium",
        0,
        "rare_earth;intelligent_equipment",
        "",
        SRC_RE9,
        "高效节能永磁电机 30万台/年项目",
    ),
    "JCKJ": (
        "江西炬诚科技有限公司",
        "炬诚科技",
        "360704",
        "high_tech_zone",
        "赣州市赣县区",
        "江西省赣州市赣县区赣州钴钼稀有金属产业基地",
        "small",
        0,
        "rare_earth",
        "",
        SRC_RE9,
        "钕铁硼废料、荧光粉废料综合回收；产业基地按高新区处理（待核实）",
    ),
    "JYXT": (
        "赣县金鹰稀土实业有限公司",
        "金鹰稀土",
        "360704",
        "ganzhou",
        "赣州市赣县区",
        "江西省赣州市赣县区",
        "medium",
        0,
        "rare_earth",
        "",
        "http://www.nhcbu.cn/28/20140127/282104_1685269.shtml",
        "稀土金属氧化物、钕铁硼废料萃取分离；是否位于高新区内待确认",
    ),
    "LYXC": (
        "磊源新材料",
        "磊源",
        "360700",
        "ganzhou",
        "赣州市",
        "江西省赣州市",
        "small",
        0,
        "rare_earth",
        "",
        SRC_NHCBU,
        "变焦马达技改项目；共享数据未给出完整登记名称",
    ),
    "HSYZ": (
        "赣州海盛硬质合金有限公司",
        "海盛硬质合金;海盛",
        "360700",
        "ganzhou",
        "赣州市",
        "江西省赣州市",
        "medium",
        0,
        "tungsten",
        "",
        SRC_RE9,
        "高性能钨硬质合金刀具 300万件/年项目",
    ),
    "JWXC": (
        "江钨新材",
        "江钨",
        "360700",
        "ganzhou",
        "赣州市",
        "江西省赣州市",
        "large",
        1,
        "tungsten",
        "",
        SRC_NHCBU,
        "矿产业龙头企业；共享数据未给出完整登记名称",
    ),
    "BLWF": (
        "赣州百利钨粉钨条",
        "百利钨业;百利",
        "360700",
        "ganzhou",
        "赣州市",
        "江西省赣州市",
        "small",
        0,
        "tungsten",
        "",
        SRC_NHCBU,
        "钨粉、钨条；共享数据未给出完整登记名称",
    ),
    "YSGM": (
        "耀升工贸",
        "耀升",
        "360700",
        "ganzhou",
        "赣州市",
        "江西省赣州市",
        "small",
        0,
        "tungsten",
        "",
        SRC_NHCBU,
        "高性能硬质合金涂层刀片；共享数据未给出完整登记名称",
    ),
    "AKT": (
        "赣州澳克泰工具技术有限公司",
        "澳克泰工具技术有限公司;澳克泰",
        "360700",
        "ganzhou",
        "赣州市",
        "江西省赣州市",
        "large",
        1,
        "tungsten",
        "",
        SRC_NHCBU,
        "硬质合金刀具，设院士工作站；共享数据名称为“澳克泰工具技术有限公司”，补全为赣州澳克泰（章源钨业旗下）",
    ),
    "XLWY": (
        "江西翔鹭钨业有限公司",
        "翔鹭钨业",
        "360723",
        "ganzhou",
        "赣州市大余县",
        "江西省赣州市大余县",
        "medium",
        0,
        "tungsten",
        "",
        "http://www.jx.xinhuanet.com/20250811/f9397457321d4269b5b6be4ca1b1eff9/c.html",
        "钨粉（全自动还原炉）；大余县钨产业链",
    ),
    "TYGY": (
        "赣州腾远钴业新材料股份有限公司",
        "腾远钴业;腾远",
        "360704",
        "high_tech_zone",
        "赣州市赣县区",
        "江西省赣州市赣县区赣州高新区",
        "large",
        1,
        "new_energy",
        "",
        SRC_KWZ,
        "共享数据名称为“腾远钴业”，补全为登记名称；位于赣县区（钴钼产业基地）",
    ),
    "RFT": (
        "瑞富特",
        "瑞富特",
        "360700",
        "ganzhou",
        "赣州市",
        "江西省赣州市",
        "medium",
        0,
        "new_energy",
        "",
        SRC_KWZ,
        "锂电新能源代表企业；共享数据未给出完整登记名称",
    ),
    "SLFC": (
        "石磊氟材料",
        "石磊氟化;石磊",
        "360700",
        "ganzhou",
        "赣州市",
        "江西省赣州市",
        "medium",
        0,
        "new_energy",
        "",
        SRC_KWZ,
        "锂电新能源（氟材料）；共享数据未给出完整登记名称",
    ),
    "SYXC": (
        "盛源新材",
        "盛源",
        "360700",
        "ganzhou",
        "赣州市",
        "江西省赣州市",
        "small",
        0,
        "new_energy",
        "",
        SRC_KWZ,
        "锂电新能源代表企业；共享数据未给出完整登记名称",
    ),
    "YPNY": (
        "亿鹏能源",
        "亿鹏",
        "360700",
        "ganzhou",
        "赣州市",
        "江西省赣州市",
        "small",
        0,
        "new_energy",
        "",
        SRC_KWZ,
        "锂电新能源代表企业；共享数据未给出完整登记名称",
    ),
    "JNNY": (
        "江西佳纳能源科技有限公司",
        "佳纳能源;佳纳",
        "360727",
        "ganzhou",
        "赣州市龙南市",
        "江西省赣州市龙南市",
        "large",
        0,
        "new_energy",
        "",
        SRC_KWZ,
        "龙南首个超百亿元工业项目",
    ),
    "FNKJ": (
        "孚能科技（赣州）股份有限公司",
        "孚能科技;孚能",
        "360700",
        "ganzhou",
        "赣州市",
        "江西省赣州市赣州经济技术开发区",
        "large",
        1,
        "new_energy",
        "",
        SRC_KWZ,
        "新能源车用动力电池；吉利耀能动力电池项目",
    ),
    "GFXH": (
        "江西赣锋循环科技有限公司",
        "赣锋循环",
        "360700",
        "ganzhou",
        "赣州市",
        "江西省赣州市",
        "large",
        1,
        "new_energy",
        "",
        SRC_KWZ,
        "退役锂电池综合回收项目",
    ),
    "ZCLD": (
        "志存锂电新材料产业园",
        "志存锂电",
        "360700",
        "ganzhou",
        "赣州市",
        "江西省赣州市",
        "large",
        0,
        "new_energy",
        "",
        SRC_KWZ,
        "产业园，非单一企业（信用代码对产业园无意义，此处仍为虚构值以满足格式）",
    ),
    "LSXC": (
        "江西龙晟新材料有限公司",
        "龙晟新材料;龙晟",
        "360727",
        "ganzhou",
        "赣州市龙南市",
        "江西省赣州市龙南市",
        "medium",
        0,
        "new_energy",
        "",
        SRC_KCSZ,
        "废旧三元锂电池回收",
    ),
    "TQJT": (
        "天奇金泰阁",
        "金泰阁",
        "360727",
        "ganzhou",
        "赣州市龙南市",
        "江西省赣州市龙南市",
        "medium",
        0,
        "new_energy",
        "",
        SRC_KCSZ,
        "锂电回收；共享数据未给出完整登记名称",
    ),
    "JYKJ": (
        "嘉元科技",
        "嘉元",
        "360727",
        "ganzhou",
        "赣州市龙南市",
        "江西省赣州市龙南市",
        "large",
        0,
        "new_energy",
        "",
        SRC_KCSZ,
        "锂电铜箔（龙南基地）；共享数据未给出完整登记名称",
    ),
    "HHXC": (
        "浩海新材料",
        "浩海",
        "360727",
        "ganzhou",
        "赣州市龙南市",
        "江西省赣州市龙南市",
        "small",
        0,
        "new_energy",
        "",
        SRC_KCSZ,
        "锂电及配套；共享数据未给出完整登记名称",
    ),
    "XMZN": (
        "江西晓明智能科技有限公司",
        "晓明智能",
        "360732",
        "ganzhou",
        "赣州市兴国县",
        "江西省赣州市兴国县洪门工业园区",
        "medium",
        0,
        "intelligent_equipment",
        "",
        "http://www.xingguo.gov.cn/xgxxxgk/xg10855/202403/144d83e6908240b9aac09fc05f464393.shtml",
        "LCD液晶显示、工业机器人",
    ),
    "KSGX": (
        "赣州科视光学",
        "科视光学",
        "360700",
        "ganzhou",
        "赣州市",
        "江西省赣州市",
        "small",
        0,
        "intelligent_equipment",
        "",
        SRC_BKWK,
        "数字光刻设备；来源可靠性低；共享数据未给出完整登记名称",
    ),
    "MLD": (
        "江西铭利达精密技术股份有限公司",
        "铭利达",
        "360722",
        "ganzhou",
        "赣州市信丰县",
        "江西省赣州市信丰县",
        "large",
        0,
        "intelligent_equipment",
        "",
        SRC_BKWK,
        "精密结构件三期项目",
    ),
    # --- Greater Bay Area enterprises (real companies; credit codes invented) -------------------
    "BYD": (
        "比亚迪股份有限公司",
        "比亚迪;BYD",
        "440300",
        "bay_area",
        "深圳市",
        "广东省深圳市坪山区",
        "large",
        0,
        "new_energy;intelligent_equipment",
        "https://www.byd.com",
        "",
        "大湾区企业；动力电池、新能源汽车",
    ),
    "BRUNP": (
        "广东邦普循环科技有限公司",
        "邦普循环;邦普",
        "440600",
        "bay_area",
        "佛山市",
        "广东省佛山市三水区",
        "large",
        0,
        "new_energy",
        "https://www.brunp.com.cn",
        "",
        "大湾区企业；动力电池回收、前驱体",
    ),
    "GREE": (
        "珠海格力电器股份有限公司",
        "格力电器;格力",
        "440400",
        "bay_area",
        "珠海市",
        "广东省珠海市香洲区",
        "large",
        0,
        "intelligent_equipment",
        "https://www.gree.com",
        "",
        "大湾区企业；空调、智能装备（数控机床、工业机器人）",
    ),
    "MIDEA": (
        "美的集团股份有限公司",
        "美的集团;美的",
        "440600",
        "bay_area",
        "佛山市",
        "广东省佛山市顺德区",
        "large",
        0,
        "intelligent_equipment",
        "https://www.midea.com",
        "",
        "大湾区企业；家电、机器人与自动化",
    ),
    "INOV": (
        "深圳市汇川技术股份有限公司",
        "汇川技术;汇川",
        "440300",
        "bay_area",
        "深圳市",
        "广东省深圳市龙华区",
        "large",
        1,
        "intelligent_equipment;new_energy",
        "https://www.inovance.com",
        "",
        "大湾区企业；伺服、变频器、PLC、工业机器人、新能源汽车电驱",
    ),
    "HANS": (
        "大族激光科技产业集团股份有限公司",
        "大族激光;大族",
        "440300",
        "bay_area",
        "深圳市",
        "广东省深圳市",
        "large",
        0,
        "intelligent_equipment",
        "https://www.hanslaser.com",
        "",
        "大湾区企业；激光加工装备、焊接机器人",
    ),
    "SUNW": (
        "欣旺达电子股份有限公司",
        "欣旺达",
        "440300",
        "bay_area",
        "深圳市",
        "广东省深圳市宝安区",
        "large",
        0,
        "new_energy",
        "https://www.sunwoda.com",
        "",
        "大湾区企业；锂电池电芯、模组",
    ),
    "DYDJ": (
        "中山大洋电机股份有限公司",
        "大洋电机",
        "442000",
        "bay_area",
        "中山市",
        "广东省中山市",
        "large",
        0,
        "rare_earth;intelligent_equipment",
        "https://www.broad-ocean.com",
        "",
        "大湾区企业；电机（含稀土永磁电机）、新能源汽车驱动",
    ),
    "GSK": (
        "广州数控设备有限公司",
        "广州数控;GSK",
        "440100",
        "bay_area",
        "广州市",
        "广东省广州市黄埔区",
        "large",
        0,
        "intelligent_equipment",
        "https://www.gsk.com.cn",
        "",
        "大湾区企业；数控系统、伺服、工业机器人",
    ),
    # --- Local firms outside the four chains: ALL INVENTED (虚构) --------------------------------
    "QSWL": (
        "赣州虔顺物流有限公司",
        "虔顺物流",
        "360704",
        "high_tech_zone",
        "赣州市赣县区",
        "江西省赣州市赣县区赣州高新区",
        "small",
        0,
        "",
        "",
        "",
        "虚构企业：第三方物流、园区仓储",
    ),
    "KJJD": (
        "赣州客家印象酒店管理有限公司",
        "客家印象酒店",
        "360704",
        "ganzhou",
        "赣州市赣县区",
        "江西省赣州市赣县区梅林镇",
        "small",
        0,
        "",
        "",
        "",
        "虚构企业：酒店、客家菜餐饮",
    ),
    "WJF": (
        "赣州万佳福超市连锁有限公司",
        "万佳福超市;万佳福",
        "360704",
        "ganzhou",
        "赣州市赣县区",
        "江西省赣州市赣县区梅林镇",
        "medium",
        0,
        "",
        "",
        "",
        "虚构企业：本地连锁超市，20余家门店",
    ),
    "KTYY": (
        "赣县区康泰医院有限公司",
        "康泰医院",
        "360704",
        "ganzhou",
        "赣州市赣县区",
        "江西省赣州市赣县区",
        "small",
        0,
        "",
        "",
        "",
        "虚构企业：民营二级综合医院",
    ),
    "PGY": (
        "赣县区蒲公英幼儿园有限公司",
        "蒲公英幼儿园",
        "360704",
        "ganzhou",
        "赣州市赣县区",
        "江西省赣州市赣县区梅林镇",
        "micro",
        0,
        "",
        "",
        "",
        "虚构企业：营利性民办幼儿园",
    ),
    "CXYX": (
        "赣州橙乡优选电子商务有限公司",
        "橙乡优选",
        "360704",
        "high_tech_zone",
        "赣州市赣县区",
        "江西省赣州市赣县区赣州高新区",
        "small",
        0,
        "",
        "",
        "",
        "虚构企业：赣南脐橙等农产品电商、直播带货",
    ),
    "XJCY": (
        "赣州稀金餐饮管理有限公司",
        "稀金餐饮",
        "360704",
        "high_tech_zone",
        "赣州市赣县区",
        "江西省赣州市赣县区赣州高新区",
        "small",
        0,
        "",
        "",
        "",
        "虚构企业：园区企业食堂团餐承包",
    ),
}

# Default posting location per enterprise (a posting may override it).
DEFAULT_LOCATION = {
    "CRE": "赣州高新区",
    "ZXGZ": "赣州高新区",
    "NFXT": "赣州市",
    "GZXT": "赣州市",
    "JLCY": "赣州经开区",
    "CZYS": "赣州高新区",
    "QDDJ": "赣州市",
    "JCKJ": "赣州高新区",
    "JYXT": "赣县区",
    "LYXC": "赣州市",
    "HSYZ": "赣州市",
    "JWXC": "赣州市",
    "BLWF": "赣州市",
    "YSGM": "赣州市",
    "AKT": "赣州市",
    "XLWY": "大余县",
    "TYGY": "赣州高新区",
    "RFT": "赣州市",
    "SLFC": "赣州市",
    "SYXC": "赣州市",
    "YPNY": "赣州市",
    "JNNY": "龙南市",
    "FNKJ": "赣州经开区",
    "GFXH": "赣州市",
    "ZCLD": "赣州市",
    "LSXC": "龙南市",
    "TQJT": "龙南市",
    "JYKJ": "龙南市",
    "HHXC": "龙南市",
    "XMZN": "兴国县",
    "KSGX": "赣州市",
    "MLD": "信丰县",
    "BYD": "深圳市坪山区",
    "BRUNP": "佛山市三水区",
    "GREE": "珠海市香洲区",
    "MIDEA": "佛山市顺德区",
    "INOV": "深圳市龙华区",
    "HANS": "深圳市宝安区",
    "SUNW": "深圳市宝安区",
    "DYDJ": "中山市",
    "GSK": "广州市黄埔区",
    "QSWL": "赣州高新区",
    "KJJD": "赣县区",
    "WJF": "赣县区",
    "KTYY": "赣县区",
    "PGY": "赣县区",
    "CXYX": "赣州高新区",
    "XJCY": "赣州高新区",
}


def ent_name(key: str) -> str:
    return ENTERPRISES[key][0]


def is_bay(key: str) -> bool:
    return ENTERPRISES[key][3] == "bay_area"


# ---------------------------------------------------------------------------------------------
# Job postings -- hand-written.  chain is the designer's intended chain (an answer key written to
# postings_labels.csv for evaluating the matching engine; it is NOT a postings.csv column).
# ---------------------------------------------------------------------------------------------
RE, TU, NE, IE, NO = "rare_earth", "tungsten", "new_energy", "intelligent_equipment", "none"
HIRE, INTERN, ORDER, APPR = "hire", "internship", "order_class", "apprenticeship"

POSTINGS: list[dict] = []


def P(ent, title, ptype, edu, hc, smin, smax, skills, chain, desc, loc=None):
    text = "\n".join(line.strip() for line in desc.strip().splitlines())
    POSTINGS.append(
        dict(
            ent=ent,
            title=title,
            type=ptype,
            education=edu,
            headcount=hc,
            salary_min=smin,
            salary_max=smax,
            skills=skills,
            chain=chain,
            description=text,
            location=loc or DEFAULT_LOCATION[ent],
        )
    )


# ===== 稀土新材料 =============================================================================
P(
    "ZXGZ",
    "萃取分离操作工",
    HIRE,
    "中职",
    20,
    4800,
    7200,
    "稀土萃取;pH值控制;DCS监控;倒班;安全生产",
    RE,
    """
岗位职责：
1. 负责萃取槽的日常操作与巡检，按工艺卡片控制有机相、料液、洗液流量及各级pH值；
2. 按时取样送检，根据化验结果及时调整皂化度和流比，保证产品纯度；
3. 做好交接班记录、DCS画面监控和异常上报，参与槽体清理和检修配合；
4. 严格执行安全操作规程，正确穿戴劳保用品，参与5S管理。
任职要求：
1. 中专及以上学历，化工、冶金、分析检验等专业优先，优秀应届毕业生亦可；
2. 身体健康，能适应四班三倒；
3. 责任心强，服从安排，无色弱、色盲。
薪资福利：综合薪资4800-7200元/月，缴纳五险一金，包住宿、免费工作餐，夜班补贴、高温补贴、年终奖。
""",
)
P(
    "ZXGZ",
    "稀土冶炼分离“中稀班”（订单班）",
    ORDER,
    "中职",
    40,
    None,
    None,
    "有色金属冶炼;萃取;化工操作;安全生产",
    RE,
    """
与赣县中等专业学校有色金属冶炼技术专业（630501）合作开设2026级“中稀班”。
1. 面向2026年秋季入学新生选拔40人，校企共同制定人才培养方案，公司工程师承担《湿法冶金-浸出操作与控制》等课程部分教学；
2. 第三学年到公司萃取、沉淀、灼烧车间岗位实习，实习补贴不低于3200元/月，购买实习责任保险；
3. 毕业考核合格者直接录用，签订劳动合同，享受正式员工待遇；
4. 在校期间每学年设立“中稀奖学金”。
报名要求：初中应届毕业生，身体健康，无色盲，愿意从事稀土冶炼生产工作。
""",
)
P(
    "ZXGZ",
    "化验员（稀土分析）",
    HIRE,
    "大专",
    4,
    4500,
    6200,
    "化学分析;ICP-OES;滴定;稀土配分;实验室管理",
    RE,
    """
岗位职责：1、负责萃取线中控样、产品样的化学分析（EDTA滴定、重量法）；2、使用ICP-OES测定稀土配分及杂质元素，出具检测报告；3、维护保养分析仪器，做好试剂配制和标定记录；4、执行实验室质量管理体系要求。
任职要求：1、分析化学、工业分析等相关专业，中专学历有两年以上化验工作经验也可；2、熟悉常规化学分析操作，会用ICP者优先；3、细心、耐心，能上白班和中班。
""",
)
P(
    "ZXGZ",
    "灼烧工",
    HIRE,
    "初中",
    6,
    5000,
    6800,
    "灼烧;窑炉操作;包装;倒班",
    RE,
    """
负责草酸稀土沉淀物的装钵、推板窑/隧道窑灼烧操作，按工艺控制温度曲线，做好出炉、过筛、包装。车间有粉尘和高温，公司提供防护用品。要求：18-45周岁，男性，吃苦耐劳，适应倒班。包吃住，月休4天，五险一金。
""",
)
P(
    "ZXGZ",
    "冶炼车间顶岗实习生",
    INTERN,
    "中职",
    20,
    3200,
    3800,
    "顶岗实习;湿法冶金;化工操作",
    RE,
    """
面向中职学校2024级学生（2026年9月-2027年6月）顶岗实习：
1. 在萃取、沉淀、水处理岗位跟班学习，由师傅一对一带教；
2. 实习期间每月实习补贴3200-3800元，提供住宿和工作餐，购买实习责任险；
3. 实习结束考核优秀者可提前签约。
要求：有色金属冶炼、化学工艺、分析检验、机电等专业学生，由学校统一推荐。
""",
)
P(
    "ZXGZ",
    "设备维修电工",
    HIRE,
    "中职",
    3,
    5500,
    8000,
    "电工证;设备维修;变频器;PLC;电气原理图",
    RE,
    """
岗位职责：
1. 负责车间高低压配电、电机、变频器、泵阀等设备的日常点检、维护及故障处理；
2. 参与设备技改、安装与调试；
3. 做好维修记录与备件申报。
任职要求：
1. 中专以上学历，电气、机电专业；
2. 持有低压电工作业证（特种作业操作证），有高压证优先；
3. 2年以上化工/冶金企业维修经验，能看懂电气原理图，懂PLC基础者优先；
4. 服从值班安排。
""",
)
P(
    "ZXGZ",
    "DCS中控操作员",
    HIRE,
    "大专",
    4,
    5500,
    7500,
    "DCS;中控;化工工艺;倒班",
    RE,
    """
1、在中控室通过DCS系统监控萃取、皂化、废水处理工段的运行参数；2、根据工艺指标远程调节阀门、泵频率，发现异常及时通知现场处理；3、填写中控运行记录和交接班记录。要求：大专以上，化工、自动化相关专业；熟练操作电脑，有DCS操作经验优先；能适应四班三倒。
""",
)
P(
    "ZXGZ",
    "稀土金属电解工",
    HIRE,
    "初中",
    8,
    5800,
    8500,
    "熔盐电解;稀土金属;高温作业;计件",
    RE,
    """
负责氟盐体系稀土熔盐电解槽的加料、出金属、更换阳极等操作，控制电流和槽温。岗位高温，有高温津贴。要求男性，20-45岁，身体好，能吃苦，有电解铝/稀土电解经验者优先，无经验可培训。包吃包住，五险一金，工资按产量计件。
""",
)
P(
    "ZXGZ",
    "安全员",
    HIRE,
    "大专",
    1,
    5000,
    6500,
    "安全管理;危化品;隐患排查;应急演练",
    RE,
    """
岗位职责：
1. 负责厂区日常安全巡查，排查隐患并跟踪整改；
2. 组织新员工三级安全教育、特种作业人员持证管理；
3. 负责危化品（盐酸、液碱、草酸）出入库安全检查；
4. 参与应急预案编制和演练。
任职要求：
1. 大专以上，安全工程、化工相关专业；
2. 有注册安全工程师或安全生产管理人员证书者优先；
3. 有化工、冶金企业安全管理经验。
""",
)
P(
    "ZXGZ",
    "仓库管理员",
    HIRE,
    "高中",
    2,
    3800,
    4500,
    "仓库管理;ERP;Excel;盘点;叉车",
    NO,
    """
负责原辅材料（盐酸、液碱、草酸、P507萃取剂）及产品的收发存管理，做好ERP出入库录入和月度盘点。要求：高中或中专以上学历，会用电脑、Excel，有仓管经验优先，能开叉车更好。
""",
)
P(
    "ZXGZ",
    "现代学徒制-稀土萃取工",
    APPR,
    "中职",
    10,
    3500,
    4500,
    "现代学徒制;稀土萃取;工学交替;职业技能等级证书",
    RE,
    """
与赣县中等专业学校合作开展现代学徒制试点，招收有色金属冶炼技术专业二年级学生10名，实行“双导师”（学校教师+企业师傅）培养，工学交替；学徒期间签订三方协议，发放学徒津贴3500-4500元/月；出师考核合格取得稀土冶炼工（萃取）职业技能等级证书，转为正式员工。
""",
)
P(
    "NFXT",
    "稀土金属熔盐电解工",
    HIRE,
    "不限",
    15,
    6000,
    8500,
    "熔盐电解;浇铸;高温作业;三班倒",
    RE,
    """
招聘稀土金属熔盐电解工15名（年产10000吨稀土金属项目投产扩招）
工作内容：电解槽加料、出炉浇铸、阴极阳极更换、槽况巡检记录。
要求：男，18-48岁，能适应高温环境和三班倒，有冶炼、铸造经验优先。
待遇：底薪+产量奖，6000-8500元/月；五险一金、包吃住、高温补贴、节日福利。
""",
)
P(
    "NFXT",
    "电解车间顶岗实习",
    INTERN,
    "中职",
    15,
    3000,
    3600,
    "顶岗实习;电解;设备点检",
    RE,
    """
接收中职有色金属冶炼技术、机电技术应用、电气设备运行与控制专业实习生15名。实习岗位：电解辅助、设备点检、配电值班。实习期6个月，实习补贴3000-3600元/月，包住宿，提供工作餐，购买实习责任保险，安排带教师傅。
""",
)
P(
    "NFXT",
    "稀土冶金“南稀班”（订单班）",
    ORDER,
    "中职",
    30,
    None,
    None,
    "有色金属冶炼;熔盐电解;订单培养",
    RE,
    """
南方稀土与赣县中等专业学校有色金属冶炼技术专业合作开设“南稀班”，2026年招收30人，重点培养稀土金属熔盐电解、真空熔炼岗位操作人员。公司提供电解槽模型和仿真软件用于校内实训，第三学年到公司岗位实习，毕业后择优录用。
""",
)
P(
    "NFXT",
    "出纳",
    HIRE,
    "大专",
    1,
    4000,
    5000,
    "出纳;银行日记账;金蝶;用友;Excel",
    NO,
    """
岗位职责：1.负责现金、银行存款收付及日记账登记；2.办理票据、网银支付，编制资金日报；3.协助会计整理凭证、装订归档。
任职要求：1.大专以上学历，会计、财务管理专业；2.持初级会计职称优先；3.熟练使用用友/金蝶财务软件和Excel；4.为人诚实，细心。
""",
)
P(
    "GZXT",
    "矿山技术员（离子型稀土）",
    HIRE,
    "大专",
    3,
    5000,
    7000,
    "离子型稀土;原地浸矿;母液监测;水土保持;驾照C1",
    RE,
    """
岗位职责：
1. 负责离子型稀土矿原地浸矿的注液、收液工艺管理，监测母液浓度；
2. 协助做好矿区地质环境监测、边坡巡查和水土保持；
3. 编写生产日报、月报。
任职要求：
1. 大专以上，采矿、地质、化工、环境工程等相关专业；
2. 能适应野外和矿区驻点工作（驻点期间包吃住，发放野外补贴）；
3. 持C1驾照优先。
""",
    loc="赣州市（矿区驻点）",
)
P(
    "GZXT",
    "现代学徒制-稀土产品检验",
    APPR,
    "中职",
    6,
    3000,
    4000,
    "现代学徒制;化学检验;样品制备;仪器分析",
    RE,
    """
与赣县中等专业学校分析检验技术专业联合招收学徒6名，学徒在集团检测中心轮岗（化学分析、仪器分析、样品制备），企业师傅带教，每周2天回校学习理论。学徒补贴3000-4000元/月。
""",
)
P(
    "JLCY",
    "速凝薄片（SC）熔炼操作工",
    HIRE,
    "中职",
    12,
    5500,
    7500,
    "钕铁硼;真空熔炼;配料;两班倒;5S",
    RE,
    """
岗位职责：
1. 按配料单完成镨钕、铁硼、镝铽等原料称量配料；
2. 操作真空感应速凝炉，控制熔炼温度、浇铸速度和冷却辊参数；
3. 负责甩带片取样、装桶、标识和交接；
4. 做好设备清洁和点检。
任职要求：
1. 中专及以上学历，冶金、材料、机电类专业优先；
2. 能接受两班倒（12小时），身体健康；
3. 有钕铁硼行业经验者优先，工资面议。
福利：五险一金、包住宿、免费班车、年终奖、带薪年假。
""",
)
P(
    "JLCY",
    "气流磨制粉操作工",
    HIRE,
    "初中",
    10,
    5000,
    7000,
    "气流磨;氢破;粒度控制;氮气保护",
    RE,
    """
负责氢破、气流磨设备的操作，氮气保护下控制含氧量和粉末粒度（SMD），及时做好记录。工作环境为封闭车间，需穿防护服。要求：初中以上学历，18-40岁，会看仪表数据，服从安排，能倒班。月综合5000-7000，包住，五险。
""",
)
P(
    "JLCY",
    "成型压制工",
    HIRE,
    "中职",
    10,
    5000,
    6800,
    "磁场成型;等静压;手套箱;首件检验",
    RE,
    """
1. 操作磁场取向成型压机和等静压机，按工艺压制毛坯；2. 控制单重和密度，做好首件检验；3. 在手套箱内规范作业，防止粉料氧化。要求：中专以上学历，有压机操作经验者优先；视力良好，动手能力强。两班倒，包吃住。
""",
)
P(
    "JLCY",
    "真空烧结操作工",
    HIRE,
    "中职",
    8,
    5200,
    7000,
    "真空烧结;热处理;温度曲线;三班倒",
    RE,
    """
岗位职责：负责真空烧结炉、回火炉的装料、开炉、监控温度曲线、出炉，填写炉次记录，发现异常报告班长。
任职要求：中专以上学历，机电、材料类专业，能适应三班倒，有热处理炉操作经验者优先考虑。
""",
)
P(
    "JLCY",
    "CNC机加工（切片/磨削）",
    HIRE,
    "中职",
    15,
    5000,
    7500,
    "CNC;多线切割;磨床;千分尺;看图纸",
    RE,
    """
招聘磁钢机加工操作员15名：
1、操作多线切割机、内圆切片机、双端面磨床、平面磨床等设备，按图纸加工方块、瓦形、圆片磁钢；
2、使用千分尺、卡尺、投影仪自检尺寸，保证公差；
3、会简单调机、换刀者优先，有CNC或磨床经验工资另议。
要求：中专以上学历，数控、机械加工、机电专业优先，欢迎应届毕业生。
""",
)
P(
    "JLCY",
    "表面处理（电镀/磷化）操作工",
    HIRE,
    "中职",
    6,
    5000,
    6500,
    "电镀;磷化;槽液分析;膜厚检测",
    RE,
    """
负责钕铁硼磁钢镀镍、镀锌、磷化、电泳等表面处理线操作，配制和分析槽液，控制膜厚及盐雾性能。需接受岗前培训。要求中专以上，化工、材料专业优先，无色盲。
""",
)
P(
    "JLCY",
    "磁性能品检员",
    HIRE,
    "中职",
    8,
    4500,
    6000,
    "磁性能检测;B-H仪;高斯计;SPC;品质检验",
    RE,
    """
1. 使用退磁曲线测量仪（B-H仪）、高斯计、磁通计检测剩磁Br、矫顽力Hcj等磁性能；2. 外观、尺寸全检或抽检，记录数据并判定；3. 不合格品隔离与标识。要求：中专以上，工作细心，会用电脑录入数据。懂统计过程控制（SPC）者优先。
""",
)
P(
    "JLCY",
    "“金力班”机电订单班",
    ORDER,
    "中职",
    40,
    None,
    None,
    "机电一体化;设备维护;PLC;订单培养",
    RE,
    """
金力永磁与赣县中等专业学校机电技术应用专业（660301）共建“金力班”（订单班），2026年招收40人。
合作内容：
1. 校企共同制定人才培养方案，开设《永磁材料生产设备维护》《PLC应用》等企业课程；
2. 公司提供校外实训基地，二年级每学期安排2周跟岗实训；
3. 三年级岗位实习，实习补贴不低于3500元/月；
4. 毕业后留用，起薪不低于5500元/月。
""",
)
P(
    "JLCY",
    "出纳",
    HIRE,
    "大专",
    1,
    3800,
    4800,
    "出纳;网银;资金日报;初级会计",
    NO,
    """
负责公司日常资金收付、银行对账、票据保管，编制资金日报表，协助办理税务申报相关资料。要求大专以上会计类专业，有初级会计证，1年以上出纳经验，熟悉网银操作。五险一金，双休。
""",
)
P(
    "JLCY",
    "机加工顶岗实习",
    INTERN,
    "中职",
    30,
    3500,
    4200,
    "顶岗实习;机加工;磨床;质量意识",
    RE,
    """
公司机加工车间招收顶岗实习生30名，专业不限（数控、机电、机械加工优先）。实习6个月，长白班为主，实习补贴3500-4200元/月（含加班），提供宿舍，公司班车接送，购买实习保险。学校需与公司签订三方实习协议。
""",
)
P(
    "JLCY",
    "工业机器人运维技术员",
    HIRE,
    "大专",
    4,
    6500,
    9000,
    "工业机器人;FANUC;示教编程;PLC;视觉检测",
    IE,
    """
岗位职责：
1. 负责成型、机加工车间机器人（FANUC、埃斯顿）上下料工作站的日常维护与故障处理；
2. 修改机器人示教程序，配合工艺调整节拍；
3. 维护PLC、视觉检测系统，做好备件管理。
任职要求：
1. 大专以上，工业机器人、机电一体化、电气自动化专业；
2. 熟悉三菱/西门子PLC，有工业机器人示教编程经验；
3. 持有工业机器人相关职业技能等级证书者优先。
""",
)
P(
    "JLCY",
    "现代学徒制-磁材检测",
    APPR,
    "中职",
    6,
    3200,
    4000,
    "现代学徒制;磁性能检测;化学分析",
    RE,
    """
面向赣县中等专业学校分析检验技术专业学生，开展磁性材料检测现代学徒制培养，在公司检测中心完成不少于6个月的岗位学习，双导师带教，学徒期满考核合格转正。
""",
)
P(
    "CZYS",
    "磁材压型工",
    HIRE,
    "不限",
    6,
    4800,
    6500,
    "压型;钕铁硼;两班倒",
    RE,
    """
招压型工6名，钕铁硼毛坯压制，两班倒，包吃住，月薪4800-6500，有经验优先，新手可带。电话联系人事部。
""",
)
P(
    "CZYS",
    "电镀线操作工",
    HIRE,
    "初中",
    4,
    4500,
    6000,
    "电镀;上下挂;槽液",
    RE,
    """
负责磁铁电镀线上下挂、槽液添加及日常维户，按要求做好记录。要求：身体建康，吃苦耐劳，有电镀经验者有先。包吃主，五险。
""",
)
P(
    "CZYS",
    "顶岗实习生",
    INTERN,
    "中职",
    10,
    3000,
    3500,
    "顶岗实习;磁材生产",
    RE,
    """
接收中职机电、数控、化工类专业实习生10名，岗位：压型、烧结、机加工、检测，实习补贴3000-3500元/月，提供住宿。
""",
)
P(
    "QDDJ",
    "永磁电机装配工",
    HIRE,
    "中职",
    10,
    4500,
    6500,
    "电机装配;磁钢装配;充磁;动平衡;SOP",
    RE,
    """
岗位职责：1、负责永磁同步电机转子磁钢装配、充磁、动平衡；2、定子嵌线后的装配与接线；3、按SOP作业并自检。
任职要求：中专以上，机电、电机电器专业优先，能看懂简单装配图，能接受加班。
""",
)
P(
    "QDDJ",
    "顶岗实习（绕线/装配）",
    INTERN,
    "中职",
    6,
    3000,
    3600,
    "顶岗实习;绕线;嵌线;电机装配",
    RE,
    """
接收中职实习生6名，在绕线、嵌线、总装岗位实习，操作自动绕线机，要求手巧细心。实习补贴3000-3600元，包住。
""",
)
P(
    "QDDJ",
    "现代学徒制-电机试验员",
    APPR,
    "中职",
    4,
    3200,
    4000,
    "现代学徒制;电机试验;耐压测试;电气测量",
    RE,
    """
与赣县中等专业学校电气设备运行与控制专业合作，招收学徒4名，在电机试验站学习型式试验、出厂试验（空载、负载、温升、耐压），双导师制，学徒期1年，合格后转正，转正后月薪5000元起。
""",
)
P(
    "QDDJ",
    "电机控制器调试工程师",
    HIRE,
    "大专",
    2,
    6500,
    9500,
    "电机控制器;调试;示波器;FOC;出差",
    IE,
    """
负责永磁电机驱动器/控制器的调试、参数整定和出厂测试，协助处理客户现场问题。要求：大专以上，电气自动化、电子专业；会用示波器、功率分析仪，了解FOC矢量控制；能出差。
""",
)
P(
    "JCKJ",
    "钕铁硼废料酸溶工",
    HIRE,
    "初中",
    8,
    4800,
    6500,
    "酸溶;焙烧;过滤;倒班;防护",
    RE,
    """
负责钕铁硼废料的氧化焙烧、盐酸溶解、除杂过滤等工序操作，按要求记录。工作有一定酸雾，公司提供防护用品和职业健康体检。要求男性，45岁以下，能倒班。包吃住。
""",
)
P(
    "JCKJ",
    "萃取岗位实习生",
    INTERN,
    "中职",
    6,
    3000,
    3000,
    "顶岗实习;萃取;化工",
    RE,
    """
接收化工专业实习生6名，三班倒（须满18周岁），包食宿，补贴3000元。
""",
)
P(
    "JCKJ",
    "现代学徒制-化验员",
    APPR,
    "中职",
    3,
    3000,
    3600,
    "现代学徒制;化学分析;稀土回收",
    RE,
    """
与赣县区稀金职业技术学校化学工艺专业合作，招收学徒3名学习稀土回收料的化学分析，企业师傅每周带教，学徒期满考核合格留用。
""",
)
P(
    "JYXT",
    "萃取车间操作工",
    HIRE,
    "初中",
    10,
    4500,
    6000,
    "萃取;流量调节;取样;三班倒",
    RE,
    """
岗位职责：
1.负责萃取槽进料、出料及流量调节；
2.按班长要求取样送化验室；
3.做好岗位卫生和交接班。
任职要求：
1.初中以上学历，年龄18-45周岁；
2.能适应三班倒；
3.赣县本地人优先，可安排宿舍。
""",
)
P(
    "JYXT",
    "顶岗实习生",
    INTERN,
    "中职",
    8,
    3000,
    3500,
    "顶岗实习;化工操作;分析检验",
    RE,
    """
招收赣县区内中职学校实习生8名（化工、分析检验、机电专业），岗位实习4-6个月，实习补贴3000-3500元，提供午餐，离家近。
""",
)
P(
    "JYXT",
    "叉车司机",
    HIRE,
    "不限",
    1,
    4500,
    5500,
    "叉车证;装卸;长白班",
    NO,
    """
持有效叉车证（N1），两年以上叉车驾驶经验，负责厂区原料和成品装卸。长白班，月休4天。
""",
)
P(
    "LYXC",
    "变焦马达装配员",
    HIRE,
    "不限",
    20,
    3800,
    5000,
    "装配;无尘车间;长白班",
    RE,
    """
招聘普工20名（变焦马达/VCM装配），男女不限，18-40岁，视力好，手脚灵活。无尘车间坐着上班，长白班，月休4天。工资3800-5000元，包住，入职满3个月发全勤奖。
""",
)
P(
    "LYXC",
    "品质检验员（IPQC）",
    HIRE,
    "高中",
    3,
    4000,
    5200,
    "IPQC;首件检验;显微镜;品质检验",
    RE,
    """
1. 负责马达装配线首件、巡检，填写IPQC检查表；2. 对不良品进行标识、隔离，反馈生产；3. 会使用显微镜、推拉力计等检测工具。要求高中或中专以上学历，有电子厂QC经验优先。
""",
)
P(
    "CRE",
    "稀土新材料储备生（2027届）",
    HIRE,
    "本科",
    10,
    7000,
    10000,
    "冶金工程;材料科学;轮岗;校招",
    RE,
    """
面向2027届本科毕业生招聘储备生，专业：冶金工程、材料科学与工程、化学工程与工艺、机械、自动化。经轮岗培养后分配至冶炼分离、稀土金属、材料加工项目公司。待遇：年薪8-12万，五险二金，人才公寓。
""",
)
P(
    "CRE",
    "行政文员",
    HIRE,
    "大专",
    1,
    4000,
    5000,
    "行政;公文;Office;会务接待",
    NO,
    """
负责会务接待、公文收发、档案管理、办公用品采购等工作。要求：大专以上学历，文秘、行政管理专业优先，熟练使用Office，有较好的文字功底。
""",
    loc="赣州市",
)
P(
    "DYDJ",
    "永磁电机转子装配工",
    HIRE,
    "中职",
    15,
    5200,
    7000,
    "磁钢插装;注胶;充磁;动平衡;两班倒",
    RE,
    """
中山大洋电机招聘转子装配工15名（新能源汽车驱动电机事业部）：
1、负责转子铁芯磁钢插装、注胶固化、充磁及动平衡校正；2、按作业指导书操作，做好过程记录。
要求：中专以上学历，机电类专业优先；能适应两班倒。包住宿，餐补，五险一金，赣州籍员工可参加公司组织的春节返乡包车。
""",
)

# ===== 钨精深加工及应用 =======================================================================
P(
    "JWXC",
    "APT结晶工",
    HIRE,
    "中职",
    8,
    5000,
    7000,
    "APT;离子交换;蒸发结晶;钨冶炼;倒班",
    TU,
    """
岗位职责：
1. 负责钨酸钠溶液离子交换、净化除杂后的蒸发结晶操作，生产仲钨酸铵（APT）；
2. 控制结晶率、温度和母液浓度，按规定取样；
3. 负责离心、烘干、过筛、包装。
任职要求：
1. 中专以上学历，冶金、化工专业优先；
2. 能适应倒班，身体健康；
3. 有钨冶炼经验优先。五险一金，包吃住，年终双薪。
""",
)
P(
    "JWXC",
    "钨粉还原炉操作工",
    HIRE,
    "初中",
    6,
    5200,
    7200,
    "还原炉;氢气;钨粉;三班倒",
    TU,
    """
负责多管还原炉装舟、推舟、出料，控制氢气流量和各温区温度，生产不同粒度钨粉。氢气作业需严格遵守安全规程，岗前培训合格后上岗。要求男，45岁以下，适应三班倒。
""",
)
P(
    "JWXC",
    "碳化炉工",
    HIRE,
    "中职",
    4,
    5200,
    7000,
    "碳化钨;配碳;球磨;碳化炉",
    TU,
    """
1、负责钨粉与炭黑配碳、球磨混料；2、操作中频碳化炉/钼丝炉生产碳化钨粉；3、做好总碳、游离碳取样。要求中专以上，能看懂工艺卡。
""",
)
P(
    "JWXC",
    "现代学徒制-硬质合金压制工",
    APPR,
    "中职",
    10,
    3500,
    4500,
    "现代学徒制;硬质合金成型;模压;挤压;烧结",
    TU,
    """
与赣县中等专业学校金属压力加工专业（630502）合作开展现代学徒制：
1. 招收2025级学生10名，签订学徒协议，明确学徒、学校、企业三方权利义务；
2. 学徒按“校内学习—企业轮岗—定岗学习”三阶段培养，内容涵盖混合料制备、模压成型、挤压成型、烧结；
3. 企业师傅和学校教师共同考核，出师后可取得硬质合金成型工职业技能等级证书；
4. 学徒期间发放津贴3500-4500元/月。
""",
)
P(
    "JWXC",
    "低压烧结炉工",
    HIRE,
    "中职",
    4,
    5500,
    7500,
    "低压烧结;Sinter-HIP;脱蜡;三班倒",
    TU,
    """
负责硬质合金低压烧结炉（Sinter-HIP）的装舟、脱蜡、烧结过程监控，记录炉次参数，配合质检分析孔隙度和矫顽磁力。要求中专以上学历，材料、机电类专业，有烧结经验优先，三班倒。
""",
)
P(
    "JWXC",
    "理化检验员",
    HIRE,
    "大专",
    2,
    4800,
    6500,
    "金相;硬度检测;钴磁;矫顽磁力;检测报告",
    TU,
    """
1. 负责硬质合金产品的密度、硬度、矫顽磁力、钴磁检测；2. 制备金相试样，用金相显微镜观察孔隙度、WC晶粒度；3. 出具检测报告。要求：大专以上，材料、金属材料、分析检验相关专业；会金相制样优先。
""",
)
P(
    "JWXC",
    "设备点检员",
    HIRE,
    "中职",
    3,
    5500,
    7000,
    "设备点检;润滑;冶金机电设备点检;设备台账",
    TU,
    """
岗位职责：
1. 按点检标准对球磨机、喷雾干燥塔、压机、烧结炉进行日常点检和润滑；
2. 发现设备隐患及时填写报修单，跟踪维修；
3. 建立设备台账。
任职要求：中专以上学历，机电、冶金设备相关专业，持冶金机电设备点检职业技能等级证书者优先。
""",
)
P(
    "JWXC",
    "冶炼分厂顶岗实习",
    INTERN,
    "中职",
    20,
    3200,
    3800,
    "顶岗实习;钨冶炼;化工操作",
    TU,
    """
接收中职学校有色金属冶炼、化工、机电等专业学生顶岗实习20名，实习期6个月，岗位：APT、钨粉、碳化钨粉生产线。实习补贴3200-3800元/月，包住宿和工作餐，安排师傅带教，实习考核合格者优先录用。
""",
)
P(
    "JWXC",
    "“江钨班”硬质合金订单班",
    ORDER,
    "中职",
    30,
    None,
    None,
    "金属压力加工;硬质合金;订单培养",
    TU,
    """
江钨新材与赣县中等专业学校金属压力加工专业（630502）合作开设“江钨班”30人：校企共同开发《硬质合金生产工艺》校本教材，公司技术骨干每学期到校授课，学生第三学年在硬质合金分厂岗位实习，毕业后安排压制、烧结、精加工岗位。
""",
)
P(
    "JWXC",
    "自动化产线PLC工程师",
    HIRE,
    "大专",
    2,
    7000,
    10000,
    "PLC;西门子S7-1500;TIA Portal;WinCC;自动化产线",
    IE,
    """
负责硬质合金自动化压制线、机器人装舟线的电气维护和程序优化（西门子S7-1200/1500、WinCC），参与新产线的安装调试，指导维修电工。要求大专以上，电气自动化专业，3年以上经验，会博途（TIA Portal）。
""",
)
P(
    "AKT",
    "数控车工（CNC）",
    HIRE,
    "中职",
    10,
    5500,
    8500,
    "CNC;FANUC;数控车床;对刀;看图纸",
    TU,
    """
岗位职责：
1. 操作FANUC系统数控车床加工刀体、刀杆等零件；
2. 能看懂零件图，独立对刀、调程序、首件送检；
3. 按要求做好设备保养和5S。
任职要求：
1. 中专以上，数控技术应用、机械加工专业；
2. 有1年以上CNC操机经验，会简单编程者优先，优秀应届生也可培养；
3. 能接受两班倒。
福利：五险一金、包吃住、技能津贴、节假日福利。
""",
)
P(
    "AKT",
    "五轴工具磨床操作员",
    HIRE,
    "中职",
    8,
    5500,
    8000,
    "五轴磨床;ANCA;WALTER;砂轮修整;刀具检测",
    TU,
    """
负责整体硬质合金铣刀、钻头的五轴数控工具磨床（ANCA / WALTER）上下料、砂轮修整、尺寸检测，配合工艺员调整程序。要求中专以上，数控、机械类专业，有磨床经验优先。公司提供系统培训，技能考核后调薪。
""",
)
P(
    "AKT",
    "PVD/CVD涂层操作工",
    HIRE,
    "中职",
    4,
    5000,
    7000,
    "PVD;CVD;涂层;真空设备;膜厚测试",
    TU,
    """
1、负责刀片涂层前清洗、装夹、上架；2、操作PVD/CVD涂层炉，监控真空度、温度、气体流量；3、涂层后外观检查、膜厚测试。要求：中专以上，材料、化工、机电专业，能倒班。
""",
)
P(
    "AKT",
    "“澳克泰班”数控订单班",
    ORDER,
    "中职",
    45,
    None,
    None,
    "数控技术;刀具;CNC;订单培养",
    TU,
    """
澳克泰与赣县中等专业学校数控技术应用专业（660103）合作举办“澳克泰班”，2026年招收45名学生。
1. 企业参与招生宣传和面试，学生自愿报名；
2. 企业派驻技术员承担《数控加工工艺与编程》《刀具与切削》课程实训教学；
3. 第三年进入公司岗位实习，实习补贴3800元/月起；
4. 毕业考核合格后录用为数控操机员/刀具磨削技工，享受五险一金。
""",
)
P(
    "AKT",
    "刀具应用工程师",
    HIRE,
    "本科",
    2,
    8000,
    12000,
    "切削方案;UG;Mastercam;刀具应用;出差",
    TU,
    """
岗位职责：1、为汽车零部件、模具、航空客户提供切削方案和试切服务；2、收集客户使用反馈，协助研发改进刀具；3、编写应用案例和技术资料。
任职要求：1、本科以上，机械设计制造及其自动化等专业；2、熟悉车削、铣削工艺和CAM编程（UG/Mastercam）；3、能适应经常出差，有驾照。
""",
)
P(
    "AKT",
    "三坐标检测员",
    HIRE,
    "中职",
    3,
    4800,
    6500,
    "三坐标;CMM;轮廓仪;检测报告;CAD",
    TU,
    """
负责刀体、刀片的三坐标（CMM）检测，使用轮廓仪、工具显微镜测量刃口尺寸，出具检测报告。要求中专以上，会看图，有CMM操作经验优先，会CAD更好。
""",
)
P(
    "AKT",
    "刀具车间顶岗实习",
    INTERN,
    "中职",
    25,
    3600,
    4200,
    "顶岗实习;CNC;刃磨;检测",
    TU,
    """
招收数控技术应用、机械加工技术、机电技术应用专业顶岗实习生25名，岗位包括CNC操机、刃磨、检测、包装。实习期间每月补贴3600-4200元，包吃住，每日工作8小时，加班按规定另计，学校派驻带队教师。
""",
)
P(
    "AKT",
    "现代学徒制-刀具刃磨工",
    APPR,
    "中职",
    8,
    3500,
    4500,
    "现代学徒制;刃磨;工具磨床;数控",
    TU,
    """
依托赣县中等专业学校数控技术应用专业“现代学徒制”项目，招收学徒8名，培养方向为硬质合金刀具刃磨。学徒期12个月，企业师傅一带二，每月考核，学徒津贴3500-4500元/月，出师后月薪6000元起。
""",
)
P(
    "AKT",
    "棒材挤压工",
    HIRE,
    "初中",
    4,
    5000,
    6800,
    "挤压成型;棒材;直线度;两班倒",
    TU,
    """
负责硬质合金棒材挤压成型、切断、干燥，控制棒材直径和直线度。有挤压经验优先，两班倒，包吃住。
""",
)
P(
    "AKT",
    "成本会计",
    HIRE,
    "大专",
    1,
    4500,
    6000,
    "成本核算;SAP;存货;会计",
    NO,
    """
1. 负责产品成本核算、存货核算、成本分析报告；2. 配合月末结账、盘点；3. 协助ERP（SAP）成本模块维护。要求：大专以上会计专业，3年以上制造业成本会计经验，持初级以上会计职称。
""",
)
P(
    "AKT",
    "设备维修（数控机床）",
    HIRE,
    "中职",
    2,
    6000,
    8500,
    "数控机床维修;FANUC;西门子;预防性维护",
    IE,
    """
负责车间数控车床、加工中心、工具磨床的机械/电气故障维修和预防性维护；会FANUC、西门子系统参数备份和报警处理。要求中专以上，机电、数控专业，有机床维修经验3年以上。
""",
)
P(
    "HSYZ",
    "硬质合金刀具刃磨工",
    HIRE,
    "中职",
    6,
    5000,
    7500,
    "刃磨;数控工具磨床;刀具图纸",
    TU,
    """
熟练操作数控工具磨床，能完成钻头、立铣刀的开槽、刃口磨削；会看刀具图纸，自检尺寸。有经验者优先，学徒可带。月薪5000-7500，包吃住，五险。
""",
)
P(
    "HSYZ",
    "压制工",
    HIRE,
    "初中",
    5,
    4500,
    6000,
    "压制;压机;两班倒",
    TU,
    """
硬质合金刀片压制工5名，会开压机优先，两班倒，包吃住，工资4500-6000。
""",
)
P(
    "HSYZ",
    "喷砂钝化工",
    HIRE,
    "不限",
    3,
    4200,
    5200,
    "喷砂;刃口钝化",
    TU,
    """
负责刀片刃口钝化、喷砂处理，检查刃口一致性。工作认真负责即可，公司培训上岗。
""",
)
P(
    "HSYZ",
    "实习生",
    INTERN,
    "中职",
    10,
    3000,
    3500,
    "顶岗实习;磨床;检测",
    TU,
    """
招收数控、机械类中职实习生10名，岗位：磨床、检测、包装。实习补贴3000-3500元，包住宿。
""",
)
P(
    "HSYZ",
    "现代学徒制-数控磨床",
    APPR,
    "中职",
    4,
    3200,
    4000,
    "现代学徒制;数控磨床;编程",
    TU,
    """
与赣州高新区技工学校机械加工技术专业合作开展现代学徒制（企业新型学徒制），招收学徒4名学习数控工具磨床操作与编程，学徒期1年。
""",
)
P(
    "BLWF",
    "钨条垂熔工",
    HIRE,
    "不限",
    4,
    4800,
    6200,
    "垂熔;钨条;电流控制",
    TU,
    """
负责钨条垂熔，看好电流电压，做好纪录。要求：能吃苦，工做认真，男性，50岁以下。包吃住，工资面议。
""",
)
P(
    "BLWF",
    "还原工",
    HIRE,
    "初中",
    4,
    4800,
    6500,
    "还原炉;钨粉;三班倒",
    TU,
    """
操作钨粉还原炉，三班倒，有氢气炉经验优先，包吃住。
""",
)
P(
    "BLWF",
    "化验员",
    HIRE,
    "中职",
    1,
    3800,
    4500,
    "费氏粒度;松装密度;氧含量;化验",
    TU,
    """
负责钨粉费氏粒度、松装密度、氧含量检测及原料进厂检验，做好原始记录。中专以上，分析检验、化工专业，会用费氏粒度仪者优先。
""",
)
P(
    "BLWF",
    "顶岗实习",
    INTERN,
    "中职",
    5,
    3000,
    3400,
    "顶岗实习;化验;还原",
    TU,
    """
接收化工、分析检验专业实习生5名（化验室、还原车间），实习补贴3000-3400元。
""",
)
P(
    "YSGM",
    "誠聘塗層刀片檢驗員",
    HIRE,
    "高中",
    3,
    4000,
    5000,
    "刀片检验;涂层厚度;外观检验",
    TU,
    """
誠聘塗層刀片檢驗員3名：負責刀片外觀、尺寸、塗層厚度檢驗，填寫檢驗記錄。要求高中或中專以上學歷，視力良好，做事細心。薪資面議，包食宿，購買社保。
""",
)
P(
    "YSGM",
    "压制成型操作工",
    HIRE,
    "初中",
    6,
    4500,
    6000,
    "自动压机;称重;模具保养;倒班",
    TU,
    """
1、操作自动压机压制刀片毛坯；2、称重、首检、自检；3、模具保养。要求18-45岁，吃苦耐劳，接受倒班。
""",
)
P(
    "YSGM",
    "顶岗实习",
    INTERN,
    "中职",
    6,
    3000,
    3500,
    "顶岗实习;数控;刀片生产",
    TU,
    """
接收机械加工、数控专业实习生6名。实习补贴3000-3500元/月，包住。
""",
)
P(
    "XLWY",
    "全自动还原炉操作工",
    HIRE,
    "中职",
    8,
    5200,
    7000,
    "自动还原炉;钨粉;氢气;四班三倒",
    TU,
    """
岗位职责：
1. 监控全自动钨粉还原炉运行，按工艺要求调整推舟速度、氢气露点和温度；
2. 负责炉料上料、出料、过筛合批；
3. 填写生产记录，配合设备维护。
任职要求：中专以上学历，冶金、化工、机电专业；能适应四班三倒；大余本地或周边优先。
待遇：5200-7000元/月，五险一金，提供宿舍。
""",
)
P(
    "XLWY",
    "碳化钨粉工",
    HIRE,
    "初中",
    6,
    4800,
    6500,
    "碳化钨;配碳;破碎过筛",
    TU,
    """
负责配碳混料、碳化、破碎过筛，吃苦耐劳，能倒班，包吃住。
""",
)
P(
    "XLWY",
    "设备维修钳工",
    HIRE,
    "中职",
    2,
    5500,
    7500,
    "钳工;设备维修;焊接;看图",
    TU,
    """
负责还原炉、球磨机、振动筛等设备的机械维修和安装，会焊接、会看机械图，持焊工证者优先。中专以上，机电、机械类专业。
""",
)
P(
    "XLWY",
    "顶岗实习",
    INTERN,
    "中职",
    15,
    3200,
    3800,
    "顶岗实习;钨冶炼;机电",
    TU,
    """
面向赣州市中职学校招收顶岗实习生15名，专业：有色金属冶炼技术、化学工艺、机电技术应用。实习期间包吃住，补贴3200-3800元/月，满18周岁可安排夜班并发夜班费，购买实习责任险。
""",
)
P(
    "XLWY",
    "环保操作工",
    HIRE,
    "中职",
    2,
    4500,
    5500,
    "废水处理;废气处理;在线监测;倒班",
    TU,
    """
负责氨氮废水处理、废气吸收塔的运行巡检，记录在线监测数据，加药。中专以上，能倒班。
""",
)
P(
    "XLWY",
    "食堂厨师",
    HIRE,
    "不限",
    1,
    4500,
    5500,
    "大锅菜;健康证;客家菜",
    NO,
    """
负责员工食堂（约300人）午、晚餐烹饪，要求有大锅菜经验，持健康证，会做客家菜优先。
""",
)

# ===== 钴（镍、锰、锂）等新能源材料 ============================================================
P(
    "TYGY",
    "湿法冶金操作工（浸出/萃取）",
    HIRE,
    "中职",
    20,
    5000,
    7500,
    "湿法冶金;浸出;萃取;ORP;压滤机;四班三倒",
    NE,
    """
岗位职责：
1. 负责钴中间品（氢氧化钴、粗制硫酸钴）浸出、除杂、萃取等湿法工序操作；
2. 按工艺参数控制温度、pH、ORP和流量，及时取样分析；
3. 巡检泵、阀、槽罐、压滤机，发现跑冒滴漏及时处理；
4. 落实安全环保要求，正确使用劳保用品。
任职要求：
1. 中专以上学历，化工、冶金、分析检验专业优先，接受优秀应届毕业生；
2. 能适应四班三倒。
福利：五险一金、包住宿、免费工作餐、夜班津贴、年终奖，赣县城区员工可申请班车。
""",
)
P(
    "TYGY",
    "硫酸钴结晶工",
    HIRE,
    "初中",
    8,
    5000,
    7000,
    "结晶;离心;干燥;三班倒",
    NE,
    """
负责硫酸钴/氯化钴溶液蒸发浓缩、冷却结晶、离心、干燥、包装。三班倒，包吃住，五险一金，月综合5000-7000元。
""",
)
P(
    "TYGY",
    "MVR蒸发操作工",
    HIRE,
    "中职",
    4,
    5000,
    6500,
    "MVR;蒸发结晶;化工操作",
    NE,
    """
负责MVR蒸发器、硫酸钠结晶系统的开停车及运行监控，调节蒸汽压力、真空度和进料量，做好记录。要求中专以上，化工类专业，有蒸发系统操作经验优先。
""",
)
P(
    "TYGY",
    "化验员",
    HIRE,
    "中职",
    5,
    4200,
    5800,
    "ICP-OES;原子吸收;电位滴定;化学检验",
    NE,
    """
1. 负责生产过程样和产品样的钴、镍、锰、锂及杂质元素分析；2. 使用ICP-OES、原子吸收（AAS）、电位滴定仪；3. 做好试剂管理和检测记录。要求中专以上，分析检验技术、工业分析专业优先，应届生可培养。
""",
)
P(
    "TYGY",
    "“腾远班”分析检验订单班",
    ORDER,
    "中职",
    35,
    None,
    None,
    "分析检验;ICP;订单培养;化验",
    NE,
    """
与赣县中等专业学校分析检验技术专业（670207）开设“腾远班”订单班，2026级招生35人：
1、校企共同修订人才培养方案，增设《有色金属化学分析》《ICP光谱分析》模块；
2、公司检测中心作为校外实训基地，第二学年每学期安排实训2周；
3、第三学年岗位实习，实习补贴不低于3500元/月；
4、毕业后进入公司检测中心或生产车间化验岗位，签订劳动合同。
""",
)
P(
    "TYGY",
    "顶岗实习",
    INTERN,
    "中职",
    30,
    3400,
    4000,
    "顶岗实习;湿法冶金;化验",
    NE,
    """
2026年9月起接收中职学校顶岗实习生30名，岗位：湿法车间操作、化验室辅助、仓储。实习补贴3400-4000元/月，包吃住，公司购买实习责任保险，每周休息1天；未满18周岁学生不安排夜班。
""",
)
P(
    "TYGY",
    "DCS中控",
    HIRE,
    "大专",
    3,
    6000,
    8000,
    "DCS;中控;化工工艺;四班三倒",
    NE,
    """
在中控室监控钴湿法冶炼各工段DCS画面，根据工艺指标远程调节，编写交接班记录。大专以上，化工工艺、自动化专业，有化工厂DCS经验者优先。四班三倒。
""",
)
P(
    "TYGY",
    "电仪维修工",
    HIRE,
    "中职",
    4,
    5500,
    8000,
    "电工证;仪表维修;pH计;调节阀;DCS",
    NE,
    """
1. 负责车间电气设备、仪表（流量计、pH计、液位计、调节阀）的巡检、校验和维修；2. 配合DCS系统信号调试；3. 做好维修记录。要求：中专以上，电气、仪表、机电专业，持电工证，有化工厂电仪经验优先。
""",
)
P(
    "TYGY",
    "现代学徒制-电仪维修",
    APPR,
    "中职",
    4,
    3500,
    4200,
    "现代学徒制;电工;仪表",
    NE,
    """
与赣县中等专业学校电气设备运行与控制专业合作，招收学徒4名，学习化工厂电气和仪表维修，双导师带教，学徒期满考取电工证后转正。
""",
)
P(
    "TYGY",
    "班车司机",
    HIRE,
    "不限",
    2,
    5500,
    6500,
    "A1驾照;B1驾照;安全驾驶",
    NO,
    """
持A1或B1驾照，负责员工班车（赣县城区—高新区）接送，无事故记录，50岁以下。
""",
)
P(
    "FNKJ",
    "电芯生产操作员",
    HIRE,
    "不限",
    60,
    5000,
    7000,
    "电芯生产;叠片;注液;化成分容;两班倒",
    NE,
    """
孚能科技（赣州）大量招聘电芯生产操作员60名：
工作内容：负责叠片、焊接、封装、注液、化成分容等工序的设备操作与上下料，按SOP作业，做好自检和记录。
要求：1. 18-40周岁，初中以上学历，男女不限；2. 能适应两班倒（白夜班轮换）；3. 无色盲色弱。
待遇：综合工资5000-7000元，五险一金，免费住宿（4人间，空调热水），餐补，满勤奖，年终奖。
""",
)
P(
    "FNKJ",
    "设备技术员（涂布/辊压/分切）",
    HIRE,
    "大专",
    10,
    6500,
    9000,
    "涂布机;辊压机;分切;PLC;伺服;OEE",
    NE,
    """
岗位职责：
1. 负责极片段涂布机、辊压机、分切机的调机、换型和日常保养；
2. 处理设备故障，分析停机原因，提升OEE；
3. 配合工艺做参数验证。
任职要求：
1. 大专以上，机电一体化、电气自动化相关专业；
2. 有锂电设备维护经验者优先，熟悉PLC、伺服、张力控制；
3. 能接受倒班。
""",
)
P(
    "FNKJ",
    "模组PACK装配工",
    HIRE,
    "中职",
    30,
    5000,
    6500,
    "模组装配;PACK;EOL测试;高压安全",
    NE,
    """
负责电池模组堆叠、汇流排焊接、线束连接、EOL测试，按工艺文件作业，注意高压安全防护。要求中专以上学历，新能源汽车、机电专业优先，持低压电工证者优先。
""",
)
P(
    "FNKJ",
    "品质检验员（IPQC/OQC）",
    HIRE,
    "中职",
    10,
    4800,
    6000,
    "IPQC;OQC;IATF16949;8D;Excel",
    NE,
    """
1、负责产线巡检、首件检验、出货检验；2、记录检验数据，异常开具不合格品报告；3、参与8D问题改善。要求中专以上，了解IATF16949者优先，会Excel。
""",
)
P(
    "FNKJ",
    "新能源汽车动力电池订单班",
    ORDER,
    "中职",
    40,
    None,
    None,
    "新能源汽车;动力电池;PACK;订单培养",
    NE,
    """
孚能科技与赣县中等专业学校新能源汽车制造与检测专业（660702）合作订单班，2026年计划40人。学生在校期间学习动力电池结构与检测、高压安全、电池PACK装配等课程，公司提供实训电池包和带教工程师；岗位实习在公司PACK车间进行，实习补贴3500元/月起；毕业留用。
""",
)
P(
    "FNKJ",
    "顶岗实习",
    INTERN,
    "中职",
    40,
    3600,
    4500,
    "顶岗实习;电芯生产;PACK",
    NE,
    """
电芯、PACK车间招收中职顶岗实习生40名，专业不限（新能源汽车、机电、电子、化工类优先）。实习期间包住宿，实习补贴3600-4500元/月，工作时间按实习规定执行，由学校和公司共同管理。
""",
)
P(
    "FNKJ",
    "现代学徒制-锂电设备维护",
    APPR,
    "中职",
    10,
    3800,
    4500,
    "现代学徒制;设备维护;电工;锂电设备",
    NE,
    """
与赣县中等专业学校机电技术应用专业开展现代学徒制培养，招收学徒10名，方向为锂电设备维护，学徒期间企业师傅一对二带教，每月津贴3800-4500元；完成学徒期并考取电工证后转为设备技术员。
""",
)
P(
    "FNKJ",
    "自动化设备工程师",
    HIRE,
    "本科",
    3,
    9000,
    14000,
    "自动化设备;PLC;机器人;视觉;MES",
    IE,
    """
负责锂电产线自动化设备（机器人、视觉、PLC、MES对接）的调试和改造，主导新设备验收。本科以上，自动化、机械电子专业，熟悉欧姆龙/基恩士PLC，有锂电或3C自动化经验3年以上。
""",
)
P(
    "FNKJ",
    "工业机器人操作员",
    HIRE,
    "中职",
    6,
    5500,
    7000,
    "工业机器人;上下料;示教;点检",
    IE,
    """
1. 负责模组线、PACK线搬运/拧紧机器人的开机点检、示教点位微调和日常保养；2. 处理简单报警，记录停机；3. 配合设备技术员维修。中专以上，工业机器人技术应用、机电专业，有工业机器人证书者优先。
""",
)
P(
    "FNKJ",
    "仓库物料员",
    HIRE,
    "高中",
    4,
    4200,
    5200,
    "物料管理;ERP;扫码;叉车",
    NO,
    """
负责车间物料收发、ERP扫码出入库、账物核对，会开叉车优先。长白班，五险一金。
""",
)
P(
    "GFXH",
    "退役电池拆解工",
    HIRE,
    "初中",
    15,
    4800,
    6500,
    "电池拆解;放电;高压安全;绝缘工具",
    NE,
    """
岗位职责：1. 对退役动力电池包进行放电、拆解、分类；2. 规范使用绝缘工具，遵守高压安全规定；3. 做好拆解记录和物料交接。
任职要求：18-45岁，身体健康，能倒班，持低压电工证者优先；公司提供岗前安全培训。包吃住，五险一金。
""",
)
P(
    "GFXH",
    "湿法回收操作工",
    HIRE,
    "中职",
    10,
    5000,
    7000,
    "湿法回收;浸出;沉锂;萃取",
    NE,
    """
负责黑粉浸出、除杂、萃取、沉锂等工序操作，控制温度、pH，巡检设备。中专以上化工、冶金专业，能适应倒班。
""",
)
P(
    "GFXH",
    "安全环保专员",
    HIRE,
    "大专",
    1,
    5500,
    7000,
    "安全生产标准化;危废管理;环保台账;应急演练",
    NE,
    """
1、负责公司安全生产标准化、环保台账、危废管理；2、组织安全培训与应急演练；3、对接环保、应急管理部门检查。要求大专以上，安全、环境工程专业，熟悉危险废物管理要求。
""",
)
P(
    "GFXH",
    "“赣锋循环班”订单班",
    ORDER,
    "中职",
    30,
    None,
    None,
    "锂电回收;湿法冶金;化验;订单培养",
    NE,
    """
赣锋循环与赣县中等专业学校分析检验技术专业合作开设“赣锋循环班”，2026年招收30人，培养锂电回收湿法冶金和化验岗位技能人才，校企共同开发《锂电池回收工艺》校本课程，毕业后择优录用。
""",
)
P(
    "GFXH",
    "顶岗实习",
    INTERN,
    "中职",
    10,
    3200,
    3800,
    "顶岗实习;电池回收;化验",
    NE,
    """
接收化工、分析检验、新能源汽车专业中职实习生10名，岗位：拆解线、湿法车间、化验室。实习补贴3200-3800元，提供宿舍。
""",
)
P(
    "JNNY",
    "三元前驱体操作工",
    HIRE,
    "中职",
    20,
    5200,
    7500,
    "前驱体;反应釜;pH控制;压滤;四班三倒",
    NE,
    """
岗位职责：
1. 负责三元前驱体合成反应釜的配料、进料、控制pH和氨浓度；
2. 负责陈化、洗涤、压滤、干燥、混批、包装工序；
3. 做好岗位巡检和记录。
任职要求：中专以上学历，化工、冶金专业；能适应四班三倒；有化工厂经验者优先。
待遇：5200-7500元/月，五险一金，包食宿，龙南、全南、定南有通勤车。
""",
)
P(
    "JNNY",
    "反应釜操作工",
    HIRE,
    "初中",
    10,
    5000,
    6800,
    "反应釜;压滤机;倒班",
    NE,
    """
操作反应釜、压滤机，倒班，新手可带，包吃住。
""",
)
P(
    "JNNY",
    "实习生",
    INTERN,
    "中职",
    20,
    3200,
    3800,
    "顶岗实习;化工操作",
    NE,
    """
面向赣州市中职学校招收实习生20名，化工、分析检验、机电专业优先；包吃住，补贴3200-3800元/月。
""",
)
P(
    "JNNY",
    "化学工艺订单班",
    ORDER,
    "中职",
    30,
    None,
    None,
    "化学工艺;前驱体;订单培养",
    NE,
    """
佳纳能源与赣县区稀金职业技术学校化学工艺专业（670201）合作开设订单班30人，公司提供奖学金、实训设备和岗位实习岗位，毕业生安排到龙南基地前驱体、钴盐车间工作，起薪5500元以上。
""",
)
P(
    "LSXC",
    "破碎分选操作工",
    HIRE,
    "初中",
    12,
    4800,
    6500,
    "破碎;分选;热解;两班倒",
    NE,
    """
负责废旧锂电池破碎、热解、分选设备的上料和操作，清理设备，做好防尘。两班倒，包吃住。
""",
)
P(
    "LSXC",
    "沉锂工",
    HIRE,
    "中职",
    6,
    5000,
    7000,
    "碳酸锂;沉锂;离心;烘干",
    NE,
    """
1、负责碳酸锂沉淀、洗涤、离心、烘干；2、控制反应温度和加料速度；3、产品取样送检。要求中专以上，化工专业，能倒班。
""",
)
P(
    "LSXC",
    "质检实习",
    INTERN,
    "中职",
    6,
    3000,
    3500,
    "顶岗实习;化学检验;电池级产品",
    NE,
    """
招收分析检验、化工专业实习生6名，在质检部学习硫酸钴、硫酸镍、碳酸锂产品检测。
""",
)
P(
    "TQJT",
    "回收车间操作工",
    HIRE,
    "初中",
    10,
    4800,
    6500,
    "回收;三班倒",
    NE,
    """
钴、锂回收车间操作工10名，三班倒，包吃住，五险。年龄50岁以内。
""",
)
P(
    "TQJT",
    "现代学徒制-电工",
    APPR,
    "中职",
    4,
    3300,
    4000,
    "现代学徒制;电工;配电",
    NE,
    """
与赣州高新区技工学校电气设备运行与控制专业合作招收电工学徒4名，在厂区配电房和车间学习高低压配电、设备电气维修，学徒期满取得电工证后转正。
""",
)
P(
    "JYKJ",
    "电解铜箔生箔机操作工",
    HIRE,
    "中职",
    12,
    5500,
    7500,
    "生箔机;电解铜箔;电流密度;无尘车间;四班三倒",
    NE,
    """
岗位职责：负责生箔机阴极辊、电解液循环系统的运行监控，控制电流密度、温度、铜离子浓度，处理断箔和褶皱，配合表面处理工序。
任职要求：中专以上学历，化工、电气、机电专业优先；适应四班三倒；无尘车间作业。
""",
)
P(
    "JYKJ",
    "顶岗实习",
    INTERN,
    "中职",
    15,
    3400,
    4000,
    "顶岗实习;铜箔;化工",
    NE,
    """
铜箔基地招收中职顶岗实习生15名（化工、电气、机电专业），实习补贴3400-4000元/月，包吃住，通勤车接送。
""",
)
P(
    "HHXC",
    "实习生",
    INTERN,
    "中职",
    8,
    3000,
    3500,
    "顶岗实习;锂电材料",
    NE,
    """
锂电材料实习生8名，包吃住，补贴3000-3500，有意者请到龙南经开区厂区面试。
""",
)
P(
    "RFT",
    "锂电材料烧结工",
    HIRE,
    "中职",
    6,
    5000,
    6800,
    "辊道窑;正极材料;烧结;粉碎分级",
    NE,
    """
负责辊道窑/回转窑正极材料烧结，装钵、出钵、粉碎分级，控制气氛和温度。中专以上，能倒班，有锂电材料企业经验优先。
""",
)
P(
    "SLFC",
    "氟化工操作工",
    HIRE,
    "中职",
    6,
    5000,
    7000,
    "六氟磷酸锂;氟化工;危化品;四班三倒",
    NE,
    """
岗位职责：1.负责六氟磷酸锂/电解液添加剂生产装置的投料、反应、结晶操作；2.严格遵守氟化氢等危险化学品安全操作规程；3.做好巡检和记录。要求中专以上，化工专业，持危化品作业相关证书优先，四班三倒。
""",
)
P(
    "SYXC",
    "锂盐车间实习生",
    INTERN,
    "中职",
    6,
    3000,
    3500,
    "顶岗实习;锂盐;化工操作",
    NE,
    """
锂盐车间实习生6名，化工类专业，能倒班（须满18周岁），包吃住。
""",
)
P(
    "YPNY",
    "储能装配实习生",
    INTERN,
    "中职",
    10,
    3000,
    3600,
    "顶岗实习;储能电池;模组装配;绝缘测试",
    NE,
    """
储能电池模组装配、螺丝锁付、线束整理、绝缘测试岗位实习，机电、电子专业优先，长白班，补贴3000-3600元。
""",
)
P(
    "ZCLD",
    "园区企业联合招聘-锂电操作工",
    HIRE,
    "不限",
    50,
    5000,
    7000,
    "锂电;操作工;倒班;联合招聘",
    NE,
    """
志存锂电新材料产业园入园企业联合招聘：锂电材料、电解液、回收等企业需操作工约50名。要求18-45岁，能倒班；统一面试后分配到各企业，包吃住，五险一金。现场招聘会时间地点见园区公告。
""",
)
P(
    "BYD",
    "动力电池产线操作员",
    HIRE,
    "中职",
    40,
    5500,
    7500,
    "刀片电池;叠片;注液;两班倒;5S",
    NE,
    """
比亚迪（深圳坪山）招聘动力电池产线操作员：
1、负责刀片电池叠片、封装、注液、化成等工序的设备操作；
2、按作业指导书生产，做好首检、自检；
3、参与5S和持续改善。
要求：中专及以上学历，18-35岁，能适应两班倒。
待遇：综合5500-7500元，五险一金，免费住宿，餐补，赣州地区可安排统一接送。
""",
)
P(
    "BYD",
    "新能源汽车订单班",
    ORDER,
    "中职",
    40,
    None,
    None,
    "新能源汽车;整车装配;检测;订单培养",
    NE,
    """
比亚迪与赣县区贡江职业技术学校新能源汽车制造与检测专业（660702）合作订单班，2026级40人。公司提供课程标准和实训指导，学生第三年赴深圳基地岗位实习，实习补贴不低于4000元/月并提供住宿；考核合格者毕业后录用为整车装配、检测岗位员工。
""",
)
P(
    "BYD",
    "整车装调顶岗实习",
    INTERN,
    "中职",
    30,
    4000,
    4800,
    "顶岗实习;总装;电检;下线检测",
    NE,
    """
接收中职学校新能源汽车制造与检测、汽车运用与维修、机电技术应用专业顶岗实习生30名，岗位：总装、电检、淋雨线、下线检测。实习补贴4000-4800元/月，包住，公司安排往返交通。
""",
)
P(
    "BYD",
    "设备维修技术员",
    HIRE,
    "大专",
    6,
    7000,
    10000,
    "设备维修;激光焊接;PLC;机器人;电气图",
    IE,
    """
负责电池产线设备（激光焊接、叠片机、机器人）的维修保养与故障排除，会看电气图，熟悉三菱/欧姆龙PLC。大专以上，机电、自动化专业，有锂电设备经验优先。
""",
)
P(
    "BRUNP",
    "湿法回收操作工",
    HIRE,
    "中职",
    15,
    5500,
    7500,
    "湿法回收;浸出;萃取;倒班",
    NE,
    """
岗位职责：
1. 负责退役电池黑粉浸出、萃取、沉淀等湿法回收工序操作；
2. 巡检设备并记录工艺参数；
3. 执行安全环保规定。
任职要求：中专以上，化工、冶金、环境类专业，能倒班。包吃住，五险一金，年终奖。
""",
)
P(
    "BRUNP",
    "实习生",
    INTERN,
    "中职",
    15,
    3800,
    4500,
    "顶岗实习;湿法回收;质检",
    NE,
    """
招收化工、分析检验类中职实习生15名（湿法车间、质检），实习补贴3800-4500元/月，包住宿。
""",
)
P(
    "SUNW",
    "电芯/PACK操作员",
    HIRE,
    "中职",
    30,
    5500,
    7000,
    "PACK;电芯分选;焊接;两班倒",
    NE,
    """
欣旺达招聘PACK操作员30名：电芯分选、模组组装、焊接、测试。中专以上，两班倒，包住，五险一金，月综合5500-7000。
""",
)
P(
    "SUNW",
    "锂电机电订单班",
    ORDER,
    "中职",
    35,
    None,
    None,
    "锂电池制造;设备维护;机电;订单培养",
    NE,
    """
欣旺达与赣县区贡江职业技术学校机电技术应用专业合作开办订单班35人，设置锂电池制造工艺、设备维护课程，第三年在深圳基地岗位实习，毕业留用。
""",
)

# ===== 高端智能装备制造 =======================================================================
P(
    "XMZN",
    "工业机器人调试员",
    HIRE,
    "大专",
    4,
    6000,
    9000,
    "工业机器人;ABB;示教编程;PLC;调试",
    IE,
    """
岗位职责：
1. 负责公司工业机器人本体及工作站的装配、调试与出厂测试；
2. 编写调试记录，协助售后处理客户现场问题；
3. 参与机器人应用方案（搬运、码垛、焊接）的验证。
任职要求：
1. 大专以上，工业机器人技术、机电一体化、电气自动化专业；
2. 熟悉ABB/FANUC/国产机器人示教编程，懂PLC；
3. 能短期出差。
""",
)
P(
    "XMZN",
    "LCD模组装配工",
    HIRE,
    "不限",
    30,
    4000,
    5500,
    "液晶模组;贴合;点亮测试;无尘车间",
    IE,
    """
液晶模组生产线操作工30名：背光组装、贴合、点亮测试。18-40岁，视力良好，无尘车间，长白班为主，包吃住。
""",
)
P(
    "XMZN",
    "SMT操作员",
    HIRE,
    "中职",
    6,
    4500,
    6000,
    "SMT;贴片机;回流焊;AOI",
    IE,
    """
负责SMT贴片机、回流焊、AOI设备操作，上料核对，首件确认。中专以上，电子技术应用专业优先。
""",
)
P(
    "XMZN",
    "实习生",
    INTERN,
    "中职",
    20,
    3200,
    3800,
    "顶岗实习;机器人装配;SMT",
    IE,
    """
接收电子、机电、智能设备运行与维护专业实习生20名，岗位：机器人装配、模组生产、SMT。包吃住，补贴3200-3800元/月。
""",
)
P(
    "XMZN",
    "智能设备运维订单班",
    ORDER,
    "中职",
    30,
    None,
    None,
    "智能设备运维;工业机器人;订单培养",
    IE,
    """
晓明智能与赣县区稀金职业技术学校智能设备运行与维护专业（660201）合作订单班30人，企业工程师每学期到校授课不少于32学时，学生第三学年在兴国工厂岗位实习，毕业可留用或推荐到合作客户。
""",
)
P(
    "XMZN",
    "现代学徒制-电子装联",
    APPR,
    "中职",
    6,
    3200,
    4000,
    "现代学徒制;电子装联;SMT;检测",
    IE,
    """
与赣县中等专业学校电子技术应用专业合作，招收学徒6名，学习SMT工艺、电子装联和检测，学徒期1年，双导师培养。
""",
)
P(
    "XMZN",
    "设备维修员",
    HIRE,
    "中职",
    2,
    5500,
    7500,
    "设备维修;点胶机;贴合机;机器人",
    IE,
    """
负责贴合机、点胶机、搬运机器人等设备的日常维修保养，能看懂气路图和电气图，有电子厂设备维修经验优先，可接受倒班。
""",
)
P(
    "KSGX",
    "光刻设备装配钳工",
    HIRE,
    "中职",
    3,
    5500,
    8000,
    "装配钳工;精度调整;千分表;装配图",
    IE,
    """
负责数字光刻设备机械部件（直线电机平台、光学支架）的装配与精度调整，会使用千分表、水平仪，看懂装配图。中专以上，机电、机械类专业，有精密设备装配经验优先。
""",
)
P(
    "KSGX",
    "电气装配实习生",
    INTERN,
    "中职",
    4,
    3000,
    3500,
    "顶岗实习;电柜配线;电气图纸",
    IE,
    """
电柜配线、接线、通电测试岗位实习生4名，电气、机电专业，会看简单电气图纸。
""",
)
P(
    "MLD",
    "压铸操作工",
    HIRE,
    "初中",
    15,
    5000,
    7000,
    "压铸;取件机器人;去毛刺;两班倒",
    IE,
    """
操作压铸机、取件机器人，进行铝合金压铸件生产，负责模具预热、喷涂、去毛刺。两班倒，包吃住，有压铸经验优先。
""",
)
P(
    "MLD",
    "CNC加工中心操机员",
    HIRE,
    "中职",
    20,
    5500,
    8000,
    "CNC;加工中心;对刀;看图纸;千分尺",
    IE,
    """
岗位职责：
1.操作三菱/FANUC加工中心，完成精密结构件加工；
2.装夹、对刀、首件自检；
3.简单程序修改，刀具寿命管理。
任职要求：
1.中专以上，数控、模具、机械专业；
2.会看图纸，会用卡尺、千分尺、高度规；
3.接受两班倒，有CNC经验工资面议。
""",
)
P(
    "MLD",
    "模具钳工",
    HIRE,
    "中职",
    4,
    6000,
    9000,
    "模具钳工;试模;氩弧焊;铣床",
    IE,
    """
负责压铸模具的保养、维修、试模，处理粘模、拉伤等问题；会操作铣床、磨床、氩弧焊。3年以上经验。
""",
)
P(
    "MLD",
    "“铭利达精密班”数控订单班",
    ORDER,
    "中职",
    30,
    None,
    None,
    "数控;加工中心;精密加工;订单培养",
    IE,
    """
铭利达与赣县中等专业学校数控技术应用专业（660103）合作开设“铭利达精密班”30人，方向为加工中心操作与精密测量，第三学年到信丰工厂岗位实习，补贴不低于3600元/月，毕业择优录用。
""",
    loc="信丰县",
)
P(
    "MLD",
    "机器人焊接操作员",
    HIRE,
    "中职",
    6,
    5500,
    7500,
    "焊接机器人;焊工证;焊缝检验",
    IE,
    """
操作焊接机器人工作站完成储能箱体焊接，调整焊接参数，焊缝自检，持焊工证优先。
""",
)
P(
    "MLD",
    "顶岗实习",
    INTERN,
    "中职",
    30,
    3600,
    4200,
    "顶岗实习;CNC;压铸;装配",
    IE,
    """
接收中职数控、机电、模具、焊接专业顶岗实习生30名，岗位：CNC、压铸、装配、质检。补贴3600-4200元/月，包吃住，购买实习险。
""",
)
P(
    "MLD",
    "现代学徒制-模具维修",
    APPR,
    "中职",
    6,
    3200,
    4000,
    "现代学徒制;模具维修;机械加工",
    IE,
    """
与赣州高新区技工学校机械加工技术专业开展现代学徒制合作，招收学徒6名学习模具维修，学徒期1年，企业师傅带教，考核合格转正。
""",
)
P(
    "GREE",
    "空调总装操作工",
    HIRE,
    "中职",
    30,
    5500,
    7000,
    "生产线装配;检漏;电检;焊接",
    IE,
    """
负责空调生产线装配、焊接、检漏、电检工序，按工艺要求作业。中专以上，18-35岁，能适应加班。包住宿，五险一金，餐补。
""",
)
P(
    "GREE",
    "自动化设备维修工",
    HIRE,
    "中职",
    6,
    6500,
    9000,
    "自动化设备;机器人;PLC;电工证;故障诊断",
    IE,
    """
岗位职责：1. 负责生产线机器人、自动化设备的点检与维修；2. PLC程序简单修改和故障诊断；3. 做好备件和维修台账。
任职要求：中专以上，机电一体化、电气自动化、工业机器人专业，持电工证，有相关经验优先。
""",
)
P(
    "GREE",
    "“格力班”电气订单班",
    ORDER,
    "中职",
    35,
    None,
    None,
    "电气控制;空调电控;订单培养",
    IE,
    """
格力电器与赣县中等专业学校电气设备运行与控制专业（660302）合作开设“格力班”订单班35人，共建空调电控实训室，学生第三学年到珠海基地岗位实习，补贴不低于4000元/月，毕业留用。
""",
)
P(
    "GREE",
    "顶岗实习",
    INTERN,
    "中职",
    40,
    4000,
    4800,
    "顶岗实习;生产线;电气;机电",
    IE,
    """
格力电器珠海基地招收中职顶岗实习生40名，专业：机电技术应用、电气设备运行与控制、制冷和空调设备运行与维护、工业机器人技术应用。实习补贴4000-4800元/月，包住，实习期6个月。
""",
)
P(
    "GREE",
    "现代学徒制-数控机床装调",
    APPR,
    "中职",
    6,
    4000,
    4500,
    "现代学徒制;数控机床装调;几何精度;电气调试",
    IE,
    """
与赣县中等专业学校数控技术应用专业合作，招收学徒6名到格力智能装备学习数控机床机械装配、几何精度检测和电气调试，学徒期间包住宿，学徒期满考核合格录用。
""",
)
P(
    "MIDEA",
    "机器人应用工程师",
    HIRE,
    "本科",
    3,
    9000,
    13000,
    "KUKA;离线编程;机器人集成;仿真",
    IE,
    """
负责工业机器人（KUKA）在家电产线的应用集成：方案设计、离线编程、现场调试；本科以上，机械电子、自动化专业，熟悉KUKA/ABB编程和仿真软件。
""",
)
P(
    "MIDEA",
    "生产线操作工",
    HIRE,
    "不限",
    50,
    5000,
    6500,
    "生产线;两班倒",
    IE,
    """
美的顺德基地招生产线操作工50名，18-40岁，两班倒，包住，五险一金，综合5000-6500元。
""",
)
P(
    "MIDEA",
    "现代学徒制-工业机器人运维",
    APPR,
    "中职",
    8,
    3800,
    4500,
    "现代学徒制;工业机器人;运维;机电",
    IE,
    """
与赣县区贡江职业技术学校机电技术应用专业开展现代学徒制合作，招收学徒8名，在佛山顺德基地学习工业机器人运维，学徒期间提供住宿，津贴3800-4500元/月，期满考核合格录用。
""",
)
P(
    "INOV",
    "伺服/变频器装配测试员",
    HIRE,
    "中职",
    10,
    5500,
    7500,
    "伺服驱动器;变频器;老化测试;示波器;万用表",
    IE,
    """
负责伺服驱动器、变频器的装配、老化测试、功能测试，判读测试结果，记录不良。中专以上，电子、机电专业，会用万用表、示波器。
""",
)
P(
    "INOV",
    "技术支持工程师（PLC）",
    HIRE,
    "大专",
    3,
    8000,
    12000,
    "PLC;伺服;变频器;现场调试;出差",
    IE,
    """
1、为客户提供PLC、伺服、变频器选型和现场调试；2、培训客户工程师；3、收集反馈。要求大专以上，自动化专业，熟悉汇川/三菱/西门子PLC，能经常出差。
""",
)
P(
    "INOV",
    "现代学徒制-智能产线运维",
    APPR,
    "中职",
    8,
    3800,
    4500,
    "现代学徒制;智能产线;PLC;伺服",
    IE,
    """
汇川技术与赣州高新区技工学校智能化生产线安装与运维专业（660306）开展现代学徒制，依托学校智能制造实训中心，学徒在校内实训中心和公司客户现场轮岗学习，期满推荐就业。
""",
    loc="赣州高新区",
)
P(
    "INOV",
    "实习生",
    INTERN,
    "中职",
    10,
    4000,
    4500,
    "顶岗实习;装配;测试",
    IE,
    """
招收中职电子、机电、工业机器人专业实习生10名，岗位：装配、测试。实习补贴4000-4500元/月，包住宿。
""",
)
P(
    "HANS",
    "激光设备装配调试员",
    HIRE,
    "中职",
    8,
    6000,
    8500,
    "激光设备;光路调试;电气接线;整机装配",
    IE,
    """
岗位职责：
1. 负责激光切割机、激光焊接机的整机装配、光路调试；
2. 按工艺文件完成电气接线和出厂检测；
3. 参与客户现场安装。
任职要求：中专以上，机电、光电专业；动手能力强，能出差。
""",
)
P(
    "HANS",
    "激光切割机操机员",
    HIRE,
    "中职",
    4,
    5500,
    7500,
    "激光切割;CypCut;排版",
    IE,
    """
操作光纤激光切割机，会排版（CypCut）、调参数，有经验优先。两班倒，包住。
""",
)
P(
    "HANS",
    "工业机器人订单班",
    ORDER,
    "中职",
    30,
    None,
    None,
    "工业机器人;激光焊接;订单培养",
    IE,
    """
大族激光与赣县中等专业学校工业机器人技术应用专业（660303）合作订单班30人，方向为激光焊接机器人应用，公司提供课程资源和岗位实习，毕业后择优录用（深圳或赣州客户现场）。
""",
)
P(
    "HANS",
    "现代学徒制-焊接机器人",
    APPR,
    "中职",
    6,
    3800,
    4500,
    "现代学徒制;焊接机器人;焊接",
    IE,
    """
与赣州高新区技工学校焊接技术应用专业合作开展焊接机器人现代学徒制，招收学徒6名。
""",
)
P(
    "HANS",
    "顶岗实习生",
    INTERN,
    "中职",
    10,
    3800,
    4500,
    "顶岗实习;激光设备;装配",
    IE,
    """
接收中职机电、工业机器人、电子专业实习生10名，在激光设备装配车间实习，包住宿，补贴3800-4500元/月。
""",
)
P(
    "DYDJ",
    "顶岗实习（电机装配）",
    INTERN,
    "中职",
    20,
    3800,
    4400,
    "顶岗实习;电机装配;测试",
    IE,
    """
招收机电、电气专业中职实习生20名，在空调电机、驱动电机装配与测试岗位实习，两班倒（须满18周岁），包住。
""",
)
P(
    "GSK",
    "数控系统装配工",
    HIRE,
    "中职",
    10,
    5500,
    7000,
    "数控系统;伺服驱动;装配;老化测试",
    IE,
    """
负责数控系统、伺服驱动单元的插件、装配、老化和功能检测，按作业指导书作业。中专以上，电子、数控、机电专业。
""",
)
P(
    "GSK",
    "售后服务工程师",
    HIRE,
    "大专",
    4,
    7000,
    10000,
    "数控系统;GSK;PLC梯形图;售后服务;驻外",
    IE,
    """
岗位职责：1、负责GSK数控系统和工业机器人的客户现场安装调试、维修和培训；2、处理客户报修。
任职要求：大专以上，数控、机电专业，懂数控系统参数和PLC梯形图，驻外（可驻赣州办事处）。
""",
)
P(
    "GSK",
    "数控订单班",
    ORDER,
    "中职",
    30,
    None,
    None,
    "数控;机械加工;订单培养",
    IE,
    """
广州数控与赣州高新区技工学校机械加工技术专业（660102）合作订单班30人，共建GSK数控实训室，毕业生可到广州总部或赣州区域客户就业。
""",
)
P(
    "GSK",
    "工业机器人实习生",
    INTERN,
    "中职",
    10,
    3800,
    4500,
    "顶岗实习;工业机器人;装配",
    IE,
    """
机器人事业部招收工业机器人技术应用、机电技术应用专业实习生10名，参与机器人本体装配和出厂测试。
""",
)

# ===== 不属于四大产业链 (local firms are INVENTED) ===========================================
P(
    "QSWL",
    "仓库分拣员",
    HIRE,
    "不限",
    10,
    4000,
    5500,
    "分拣;打包;上架;计件",
    NO,
    """
电商仓分拣、打包、上架，计件+底薪，长白班，包午餐。
""",
)
P(
    "QSWL",
    "货车司机（A2/B2）",
    HIRE,
    "不限",
    3,
    7000,
    9000,
    "A2驾照;B2驾照;从业资格证;干线运输",
    NO,
    """
负责赣州—深圳/广州干线及园区短驳运输，持A2或B2驾照、道路货物运输从业资格证，3年以上驾龄，无重大事故。
""",
)
P(
    "QSWL",
    "物流调度员",
    HIRE,
    "中职",
    2,
    4500,
    5500,
    "车辆调度;TMS;派单;客户沟通",
    NO,
    """
1. 负责车辆调度、派单、在途跟踪；2. 与客户沟通提货、送货时间；3. 使用TMS系统录单。中专以上，物流专业优先，会电脑。
""",
)
P(
    "QSWL",
    "现代学徒制-仓储物流",
    APPR,
    "中职",
    6,
    3000,
    3600,
    "现代学徒制;WMS;叉车;配送调度",
    NO,
    """
与赣县区贡江职业技术学校物流服务与管理专业合作，招收学徒6名学习WMS仓储管理、叉车、配送调度。
""",
)
P(
    "QSWL",
    "仓储实习生",
    INTERN,
    "中职",
    8,
    2800,
    3300,
    "顶岗实习;仓储;打包",
    NO,
    """
接收物流、电商专业实习生8名，618、双11旺季需加班（加班费另计）。
""",
)
P(
    "KJJD",
    "前台接待",
    HIRE,
    "中职",
    2,
    3500,
    4200,
    "前台;接待;普通话;倒班",
    NO,
    """
负责客人入住、退房登记，电话预订，处理客人投诉。形象好，普通话标准，会简单英语优先，能倒班。
""",
)
P(
    "KJJD",
    "誠聘中餐廚師",
    HIRE,
    "不限",
    2,
    6000,
    8000,
    "中餐;客家菜;健康证",
    NO,
    """
誠聘中餐廚師2名，擅長客家菜（釀豆腐、小炒魚、三杯鴨），有三年以上酒樓經驗，持健康證。薪資面議，包食宿。
""",
)
P(
    "KJJD",
    "客房/餐厅实习生",
    INTERN,
    "中职",
    6,
    2600,
    3000,
    "顶岗实习;客房服务;餐厅服务",
    NO,
    """
客房清洁、布草更换、餐厅传菜，做事勤快，包吃，酒店管理专业优先。
""",
)
P(
    "KJJD",
    "酒店订单班",
    ORDER,
    "中职",
    30,
    None,
    None,
    "酒店管理;前厅;客房;订单培养",
    NO,
    """
客家印象酒店与赣县区稀金职业技术学校高星级饭店运营与管理专业（740104）合作订单班30人，前厅、客房、餐饮轮岗实习，毕业后录用或推荐至赣州市区合作酒店。
""",
)
P(
    "KJJD",
    "现代学徒制-客家菜厨师",
    APPR,
    "中职",
    4,
    2800,
    3500,
    "现代学徒制;中餐烹饪;客家菜",
    NO,
    """
与赣县区贡江职业技术学校中餐烹饪专业合作，招收厨师学徒4名，由酒店行政总厨带徒，学习客家菜制作，学徒期1年半。
""",
)
P(
    "WJF",
    "收银员",
    HIRE,
    "不限",
    10,
    3000,
    3800,
    "收银;早晚班;服务意识",
    NO,
    """
门店收银员10名，赣县城区各门店就近安排，会用收银机，早晚班论换，月休4天。
""",
)
P(
    "WJF",
    "理货员",
    HIRE,
    "不限",
    8,
    3000,
    3600,
    "理货;陈列;补货",
    NO,
    """
负责商品上架、补货、陈列、临期商品检查。能吃苦，18-45岁。
""",
)
P(
    "WJF",
    "“万佳福新零售班”订单班",
    ORDER,
    "中职",
    30,
    None,
    None,
    "门店运营;社区团购;直播带货;订单培养",
    NO,
    """
万佳福超市与赣县中等专业学校电子商务专业（730701）合作开设“万佳福新零售班”30人，课程包含门店运营、社区团购、直播带货，毕业后录用为储备店长/线上运营。
""",
)
P(
    "WJF",
    "生鲜部实习",
    INTERN,
    "中职",
    6,
    2800,
    3200,
    "顶岗实习;生鲜;收银",
    NO,
    """
招收中职实习生6名（生鲜、收银、仓储轮岗），提供午餐。
""",
)
P(
    "KTYY",
    "护士",
    HIRE,
    "中职",
    8,
    3800,
    5500,
    "护士执业资格证;护理;夜班",
    NO,
    """
岗位职责：1.负责病区护理工作，执行医嘱；2.做好护理记录；3.参与夜班。
任职要求：中专以上护理专业，持护士执业资格证书，有二级医院工作经验优先，应届生需已通过护士执业资格考试。
""",
)
P(
    "PGY",
    "保育员",
    HIRE,
    "中职",
    3,
    2800,
    3500,
    "保育;卫生消毒;幼儿照料;保育师证",
    NO,
    """
负责班级卫生消毒、幼儿生活照料（进餐、午睡、如厕），配合教师开展活动。要求中专以上，幼儿保育专业优先，持保育员证或保育师证，有爱心耐心。
""",
)
P(
    "PGY",
    "幼儿教师",
    HIRE,
    "大专",
    2,
    3200,
    4200,
    "幼儿园教师资格证;教案;钢琴;舞蹈",
    NO,
    """
1、负责班级一日活动组织、教案编写；2、家园沟通。要求大专以上学前教育专业，持幼儿园教师资格证，会弹琴、会舞蹈优先。
""",
)
P(
    "PGY",
    "幼儿保育订单班",
    ORDER,
    "中职",
    30,
    None,
    None,
    "幼儿保育;保育师;订单培养",
    NO,
    """
蒲公英幼儿园联合区内多所民办幼儿园与赣县中等专业学校幼儿保育专业（770101）合作订单班30人，第三学年在园所跟岗实习，毕业后安排保育员岗位。
""",
)
P(
    "PGY",
    "顶岗实习",
    INTERN,
    "中职",
    6,
    2200,
    2800,
    "顶岗实习;保育",
    NO,
    """
接收幼儿保育专业顶岗实习生6名，跟班实习，提供午餐，实习补贴2200-2800元。
""",
)
P(
    "CXYX",
    "电商客服",
    HIRE,
    "中职",
    6,
    3500,
    5000,
    "电商客服;售后;打字;普通话",
    NO,
    """
岗位职责：1、在淘宝、拼多多、抖音店铺在线接待顾客咨询，处理售后（坏果赔付、物流催件）；2、脐橙季（11月-次年2月）需轮班；3、整理客户评价反馈。
要求：中专以上，打字每分钟50字以上，普通话标准，有电商客服经验优先。
""",
)
P(
    "CXYX",
    "直播运营",
    HIRE,
    "大专",
    2,
    5000,
    8000,
    "直播运营;抖音;千川投放;数据复盘",
    NO,
    """
负责抖音/快手直播间搭建、脚本策划、投流和数据复盘，懂千川投放优先。
""",
)
P(
    "CXYX",
    "现代学徒制-直播电商",
    APPR,
    "中职",
    6,
    3000,
    4000,
    "现代学徒制;直播电商;主播助理;选品",
    NO,
    """
与赣县区稀金职业技术学校直播电商服务专业（730705）合作现代学徒制，学徒参与脐橙直播带货全流程（选品、脚本、主播助理、售后），学徒津贴3000-4000元/月+提成。
""",
)
P(
    "CXYX",
    "电商实习生",
    INTERN,
    "中职",
    10,
    2800,
    3500,
    "顶岗实习;客服;打包;直播助理",
    NO,
    """
臍橙季招電商實習生10名（客服、打包、直播助理），11月-次年1月，包午餐，有提成。
""",
)
P(
    "CXYX",
    "美工实习生",
    INTERN,
    "中职",
    1,
    2800,
    3200,
    "美工;PS;剪映;详情页",
    NO,
    """
负责店铺主图、详情页、短视频封面设计，熟练使用PS、美图秀秀、剪映，有作品集优先。
""",
)
P(
    "XJCY",
    "团餐厨师",
    HIRE,
    "不限",
    3,
    5000,
    6500,
    "团餐;大锅菜;健康证",
    NO,
    """
负责园区企业食堂（500-1500人）大锅菜烹饪，持健康证，有团餐经验优先，早班5:30上班。
""",
)
P(
    "XJCY",
    "中餐烹饪订单班",
    ORDER,
    "中职",
    30,
    None,
    None,
    "中餐烹饪;中央厨房;订单培养",
    NO,
    """
稀金餐饮与赣县区贡江职业技术学校中餐烹饪专业（740201）合作订单班30人，学生在中央厨房和企业食堂实训，毕业后录用为厨师助理/面点师，起薪4000元。
""",
)


# ---------------------------------------------------------------------------------------------
# Teachers -- each one hand-designed.  `design` records why the teacher is (not) dual-qualified
# under the rule the sample was designed against (see DQ_RULE / dual_qualified() below).
# ---------------------------------------------------------------------------------------------
SUBJECT = {
    "660103": "数控加工",
    "660301": "机电一体化",
    "660303": "工业机器人",
    "630501": "有色金属冶炼",
    "660702": "新能源汽车",
    "670207": "化学分析检验",
    "660302": "电气控制",
    "710103": "电子技术",
    "630502": "金属压力加工",
    "660105": "焊接",
    "730301": "会计",
    "710201": "计算机应用",
    "730701": "电子商务",
    "770101": "幼儿保育",
    "700206": "汽车维修",
    "740201": "中餐烹饪",
    "730801": "物流",
    "660201": "智能设备运维",
    "670201": "化学工艺",
    "740104": "酒店服务",
    "710204": "数字媒体",
    "730705": "直播电商",
    "660102": "机械加工",
    "660306": "智能产线运维",
}
SKILL_LEVEL_CN = {
    "5": "五级/初级工",
    "4": "四级/中级工",
    "3": "三级/高级工",
    "2": "二级/技师",
    "1": "一级/高级技师",
}
TEACHER_TITLE_LEVEL = {
    "助理讲师": "junior",
    "讲师": "intermediate",
    "高级讲师": "senior",
    "正高级讲师": "full_senior",
}
INDUSTRY_TITLE_LEVEL = {
    "助理工程师": "junior",
    "工程师": "intermediate",
    "高级工程师": "senior",
    "正高级工程师": "full_senior",
    "助理会计师": "junior",
    "会计师": "intermediate",
    "高级会计师": "senior",
}


def SK(field, level, date, issuer=None):
    d = D(date)
    if d < dt.date(2020, 1, 1):  # before 2020: state 职业资格证书
        name = f"{field}职业资格证书（{SKILL_LEVEL_CN[level]}）"
        issuer = issuer or "江西省人力资源和社会保障厅"
    else:  # since 2020: 职业技能等级证书 from a registered evaluation body
        name = f"{field}职业技能等级证书（{SKILL_LEVEL_CN[level]}）"
        issuer = issuer or "赣州市职业技能等级认定备案评价机构"
    return ("skill_certificate", name, level, issuer, d, field)


def PT(title, date, field=""):
    lvl = TEACHER_TITLE_LEVEL[title]
    issuer = (
        "江西省人力资源和社会保障厅"
        if lvl in ("senior", "full_senior")
        else "赣州市人力资源和社会保障局"
    )
    return ("professional_title", f"中等职业学校{title}", lvl, issuer, D(date), field)


def IT(title, field, date):
    lvl = INDUSTRY_TITLE_LEVEL[title]
    if "会计" in title:
        issuer = "财政部、人力资源和社会保障部（全国会计专业技术资格考试）"
    else:
        issuer = (
            "江西省人力资源和社会保障厅"
            if lvl in ("senior", "full_senior")
            else "赣州市人力资源和社会保障局"
        )
    return ("industry_title", title, lvl, issuer, D(date), field)


TEACHERS: list[dict] = []


def T(
    tid,
    school,
    prog,
    male,
    by,
    hired,
    cert,
    quals=(),
    exp=(),
    prac=(),
    design="plain",
    subject=None,
    src=None,
    emp="full_time",
):
    TEACHERS.append(
        dict(
            tid=tid,
            school=school,
            prog=prog,
            male=male,
            birth_year=by,
            hired=D(hired),
            cert=cert,
            quals=list(quals),
            exp=list(exp),
            prac=list(prac),
            design=design,
            subject=subject or SUBJECT.get(prog, ""),
            src=src,
            emp=emp,
        )
    )


def G(tid, school, subject, male, by, hired, cert=1, quals=()):
    T(tid, school, "", male, by, hired, cert, quals, design="general subject", subject=subject)


def PTT(tid, school, prog, src, male, by, hired, cert, quals, exp):
    T(
        tid,
        school,
        prog,
        male,
        by,
        hired,
        cert,
        quals,
        exp,
        design="part-time industry mentor",
        src=src,
        emp="part_time",
    )


M_, F_ = True, False

# --- 赣县中等专业学校: 33 full-time programme teachers -----------------------------------------
T(
    "t1",
    "GXZZ",
    "660103",
    M_,
    1979,
    "2003-08-28",
    1,
    [SK("数控车工", "3", "2015-06-20"), PT("讲师", "2009-12-18"), PT("高级讲师", "2018-12-28")],
    prac=[("AKT", "2023-07-10", 30, "数控车削刀具生产线跟岗，学习刀体加工工艺")],
    design="DQ: skill cert in field (2015)",
)
T(
    "t2",
    "GXZZ",
    "660103",
    M_,
    1983,
    "2012-08-28",
    1,
    [PT("讲师", "2016-12-20")],
    exp=[("赣州澳克泰工具技术有限公司", "数控车工、班组长", "2007-07-01", "2011-12-31")],
    design="DQ: 4.5 years enterprise work",
)
T(
    "t3",
    "GXZZ",
    "660103",
    F_,
    1990,
    "2015-08-28",
    1,
    [PT("助理讲师", "2016-09-30"), PT("讲师", "2020-12-18")],
    prac=[
        ("AKT", "2022-07-11", 60, "刀具刃磨与检测岗位实践"),
        ("JWXC", "2023-02-20", 120, "脱产企业实践：硬质合金精加工与质量检测"),
    ],
    design="DQ: 180 practice days in 5 years (reached 2023)",
)
T(
    "t4",
    "GXZZ",
    "660103",
    M_,
    1992,
    "2018-08-28",
    1,
    [SK("电子商务师", "4", "2021-11-13"), PT("助理讲师", "2019-09-30")],
    prac=[("GSK", "2026-07-13", 30, "广州数控：数控系统装调与维修")],
    design="NEAR: skill certificate outside his field (电子商务师 for a 数控 teacher)",
)
T(
    "t5",
    "GXZZ",
    "660301",
    F_,
    1987,
    "2010-08-28",
    1,
    [SK("电工", "3", "2022-06-15"), PT("讲师", "2015-12-22")],
    design="DQ: skill cert in field (2022)",
)
T(
    "t6",
    "GXZZ",
    "660301",
    M_,
    1991,
    "2016-08-29",
    1,
    [
        PT("助理讲师", "2017-09-29"),
        PT("讲师", "2021-12-20"),
        IT("助理工程师", "机电一体化", "2026-03-18"),
    ],
    prac=[("JLCY", "2024-07-08", 40, "永磁材料生产设备维护")],
    design="DQ: industry title in field (2026)",
)
T(
    "t7",
    "GXZZ",
    "660301",
    M_,
    1998,
    "2025-08-25",
    0,
    [SK("电工", "3", "2020-12-05")],
    exp=[("江西金力永磁科技有限公司", "设备维修电工", "2020-07-01", "2023-03-31")],
    design="NEAR: no teacher certificate yet (has 电工 三级 in field; 2.75 years enterprise work)",
)
T(
    "t8",
    "GXZZ",
    "660301",
    F_,
    1994,
    "2019-08-28",
    1,
    [PT("助理讲师", "2020-09-30")],
    prac=[("JLCY", "2023-07-17", 25, "机电设备点检")],
    design="plain (Bay Area practice planned 2027)",
)
T(
    "t9",
    "GXZZ",
    "660303",
    M_,
    1989,
    "2014-08-28",
    1,
    [PT("助理讲师", "2015-09-30"), PT("讲师", "2019-12-20")],
    prac=[
        ("XMZN", "2024-07-08", 70, "工业机器人本体装配与调试"),
        ("INOV", "2025-07-06", 120, "汇川技术：PLC、伺服与机器人工作站集成调试"),
    ],
    design="DQ: 190 practice days incl. Bay Area (reached 2025)",
)
T(
    "t10",
    "GXZZ",
    "660303",
    F_,
    1993,
    "2018-08-28",
    1,
    [PT("助理讲师", "2019-09-30"), PT("讲师", "2024-12-20")],
    prac=[
        ("XMZN", "2023-07-10", 60, "机器人码垛工作站调试"),
        ("HANS", "2025-07-10", 90, "大族激光：激光焊接机器人应用"),
    ],
    design="NEAR: 150 of 180 practice days",
)
T("t11", "GXZZ", "660303", M_, 1996, "2021-08-27", 1, [PT("助理讲师", "2022-09-30")])
T(
    "t12",
    "GXZZ",
    "630501",
    M_,
    1986,
    "2021-08-27",
    1,
    [PT("助理讲师", "2022-09-30")],
    exp=[
        ("赣州稀土集团有限公司", "萃取工段班长", "2008-07-01", "2012-02-29"),
        ("赣县金鹰稀土实业有限公司", "工艺员", "2012-03-01", "2021-07-31"),
    ],
    design="DQ: 13 years enterprise work (hired from industry 2021)",
)
T(
    "t13",
    "GXZZ",
    "630501",
    F_,
    1995,
    "2022-08-26",
    1,
    [SK("稀土冶炼工", "5", "2023-11-10"), PT("助理讲师", "2023-09-28")],
    prac=[("ZXGZ", "2024-07-15", 30, "萃取分离车间跟岗")],
    design="NEAR: skill certificate at level 5 (needs 4 or higher)",
)
T(
    "t14",
    "GXZZ",
    "660702",
    M_,
    1990,
    "2017-08-28",
    1,
    [SK("汽车维修工", "4", "2023-07-08"), PT("讲师", "2022-12-20")],
    design="DQ: skill cert in field (2023)",
)
T(
    "t15",
    "GXZZ",
    "660702",
    M_,
    1994,
    "2022-08-26",
    1,
    [PT("助理讲师", "2023-09-28")],
    exp=[("比亚迪股份有限公司", "电池PACK工艺员", "2016-07-01", "2018-12-31")],
    prac=[("BYD", "2026-08-03", 20, "比亚迪：刀片电池PACK与整车电检")],
    design="NEAR: 2.5 years enterprise work (needs 3) + 20 practice days",
)
T(
    "t16",
    "GXZZ",
    "670207",
    F_,
    1988,
    "2012-08-28",
    1,
    [SK("化学检验员", "3", "2024-05-18"), PT("讲师", "2017-12-20")],
    design="DQ: skill cert in field (2024)",
)
T(
    "t17",
    "GXZZ",
    "670207",
    F_,
    1985,
    "2009-08-28",
    1,
    [PT("讲师", "2014-12-20"), PT("高级讲师", "2023-12-26")],
    prac=[
        ("TYGY", "2021-03-01", 150, "脱产企业实践：钴湿法冶炼化验室"),
        ("TYGY", "2024-07-15", 30, "ICP-OES检测方法更新"),
    ],
    design="NEAR: had 180 days within 5 years in 2024-2025; the 2021 block left the window in 2026",
)
T(
    "t18",
    "GXZZ",
    "660302",
    M_,
    1982,
    "2006-08-28",
    1,
    [SK("电工", "3", "2019-10-12"), PT("讲师", "2011-12-20"), PT("高级讲师", "2021-12-27")],
    design="DQ: skill cert in field (2019)",
)
T(
    "t19",
    "GXZZ",
    "660302",
    M_,
    1991,
    "2016-08-29",
    1,
    [PT("讲师", "2021-12-20")],
    prac=[
        ("GREE", "2024-07-08", 105, "格力电器：空调电控生产线与自动化设备维修"),
        ("FNKJ", "2025-07-14", 60, "锂电产线电气维护"),
    ],
    design="NEAR: 165 of 180 practice days",
)
T(
    "t20",
    "GXZZ",
    "710103",
    F_,
    1981,
    "2010-03-01",
    1,
    [PT("讲师", "2014-12-20"), PT("高级讲师", "2020-12-25")],
    exp=[("欣旺达电子股份有限公司", "测试技术员", "2003-07-01", "2009-12-31")],
    design="DQ: 6.5 years enterprise work",
)
T(
    "t21",
    "GXZZ",
    "710103",
    M_,
    1995,
    "2020-08-28",
    1,
    [PT("助理讲师", "2021-09-30")],
    prac=[("XMZN", "2022-07-11", 20, "SMT生产线跟岗")],
)
T(
    "t22",
    "GXZZ",
    "630502",
    M_,
    1990,
    "2023-08-28",
    1,
    [PT("助理讲师", "2024-09-27")],
    prac=[("JWXC", "2025-07-07", 45, "硬质合金压制与烧结工序实践")],
)
T("t23", "GXZZ", "660105", M_, 1997, "2024-08-26", 1, [])
T(
    "t24",
    "GXZZ",
    "730301",
    F_,
    1984,
    "2008-08-28",
    1,
    [IT("会计师", "会计", "2017-09-10"), PT("讲师", "2013-12-20"), PT("高级讲师", "2022-12-26")],
    design="DQ: industry title (会计师) in field",
)
T("t25", "GXZZ", "730301", F_, 1990, "2013-08-28", 1, [PT("讲师", "2019-12-20")])
T("t26", "GXZZ", "730301", F_, 1996, "2020-08-28", 1, [PT("助理讲师", "2021-09-30")])
T(
    "t27",
    "GXZZ",
    "710201",
    M_,
    1992,
    "2017-08-28",
    1,
    [SK("计算机程序设计员", "4", "2026-06-18"), PT("讲师", "2023-12-20")],
    design="DQ: skill cert in field (2026)",
)
T("t28", "GXZZ", "710201", F_, 1988, "2011-08-29", 1, [PT("讲师", "2016-12-20")])
T(
    "t29",
    "GXZZ",
    "730701",
    F_,
    1996,
    "2021-08-27",
    1,
    [SK("电子商务师", "5", "2022-05-20"), PT("助理讲师", "2022-09-30")],
    design="NEAR: skill certificate at level 5 (needs 4 or higher)",
)
T(
    "t30",
    "GXZZ",
    "730701",
    M_,
    1993,
    "2019-08-28",
    1,
    [PT("助理讲师", "2020-09-30")],
    prac=[("CXYX", "2024-11-04", 15, "脐橙季直播电商运营")],
)
T(
    "t31",
    "GXZZ",
    "770101",
    F_,
    1991,
    "2014-08-28",
    1,
    [SK("保育师", "3", "2024-12-06"), PT("讲师", "2019-12-20")],
    design="DQ: skill cert in field (2024)",
)
T("t32", "GXZZ", "770101", F_, 1997, "2021-08-27", 1, [PT("助理讲师", "2022-09-30")])
T(
    "t33",
    "GXZZ",
    "770101",
    F_,
    1999,
    "2023-08-28",
    0,
    [],
    design="plain (new hire, teacher certificate pending)",
)
# general subjects
G(
    "t34",
    "GXZZ",
    "语文",
    F_,
    1980,
    "2004-08-28",
    quals=[PT("讲师", "2009-12-18"), PT("高级讲师", "2016-12-26")],
)
G("t35", "GXZZ", "语文", F_, 1993, "2017-08-28", quals=[PT("讲师", "2022-12-20")])
G("t36", "GXZZ", "数学", M_, 1978, "2002-08-28", quals=[PT("高级讲师", "2014-12-26")])
G("t37", "GXZZ", "数学", M_, 1995, "2019-08-28", quals=[PT("助理讲师", "2020-09-30")])
G("t38", "GXZZ", "英语", F_, 1986, "2009-08-28", quals=[PT("讲师", "2014-12-20")])
G("t39", "GXZZ", "英语", F_, 1998, "2022-08-26")
G("t40", "GXZZ", "思想政治", M_, 1983, "2007-08-28", quals=[PT("讲师", "2012-12-20")])
G("t41", "GXZZ", "体育与健康", M_, 1989, "2013-08-28", quals=[PT("讲师", "2018-12-20")])
G("t42", "GXZZ", "信息技术", M_, 1991, "2015-08-28", quals=[PT("讲师", "2020-12-18")])
# part-time industry mentors (兼职教师 / 产业导师)
PTT(
    "p1",
    "GXZZ",
    "660103",
    "AKT",
    M_,
    1984,
    "2023-03-01",
    0,
    [SK("数控车工", "2", "2016-11-20")],
    [("赣州澳克泰工具技术有限公司", "数控车间技术员", "2008-07-01", None)],
)
PTT(
    "p2",
    "GXZZ",
    "630501",
    "ZXGZ",
    M_,
    1982,
    "2024-09-01",
    0,
    [IT("工程师", "稀土冶炼", "2019-10-25")],
    [
        ("赣州稀土集团有限公司", "工艺工程师", "2005-07-01", "2022-12-31"),
        ("中稀（赣州）稀土新材料有限公司", "萃取车间主任", "2023-01-01", None),
    ],
)
PTT(
    "p3",
    "GXZZ",
    "660301",
    "JLCY",
    M_,
    1986,
    "2022-03-01",
    1,
    [SK("电工", "2", "2018-09-15")],
    [("江西金力永磁科技有限公司", "设备主管", "2009-07-01", None)],
)
PTT(
    "p4",
    "GXZZ",
    "660303",
    "INOV",
    M_,
    1990,
    "2025-03-01",
    0,
    [IT("工程师", "自动控制", "2020-11-20")],
    [("深圳市汇川技术股份有限公司", "应用工程师", "2013-07-01", None)],
)
PTT(
    "p5",
    "GXZZ",
    "670207",
    "TYGY",
    F_,
    1987,
    "2024-03-01",
    0,
    [SK("化学检验员", "2", "2020-08-22")],
    [("赣州腾远钴业新材料股份有限公司", "检测中心主任", "2010-07-01", None)],
)
PTT(
    "p6",
    "GXZZ",
    "770101",
    "PGY",
    F_,
    1985,
    "2022-09-01",
    1,
    [SK("保育师", "3", "2021-06-12")],
    [("赣县区蒲公英幼儿园有限公司", "园长", "2015-03-01", None)],
)

# --- 贡江职校 (invented private school): 8 programme teachers ---------------------------------
T(
    "g1",
    "GJZX",
    "660702",
    M_,
    1988,
    "2019-08-26",
    1,
    [PT("助理讲师", "2020-09-30")],
    prac=[("BYD", "2025-03-01", 200, "比亚迪：新能源汽车总装、电检与动力电池PACK")],
    design="DQ: 200 practice days at a Bay Area enterprise (2025)",
)
T(
    "g2",
    "GJZX",
    "660702",
    M_,
    1996,
    "2024-08-26",
    0,
    [SK("汽车维修工", "4", "2021-07-16")],
    exp=[("赣州市章贡区某汽车维修厂", "机修工", "2019-07-01", "2024-06-30")],
    design="NEAR: no teacher certificate yet (skill cert and 5 years work in field)",
)
T(
    "g3",
    "GJZX",
    "700206",
    M_,
    1980,
    "2011-08-29",
    1,
    [SK("汽车维修工", "3", "2018-10-20"), PT("讲师", "2016-12-20")],
    design="DQ: skill cert in field (2018)",
)
T("g4", "GJZX", "700206", M_, 1994, "2020-08-28", 1, [])
T(
    "g5",
    "GJZX",
    "660301",
    M_,
    1990,
    "2020-08-28",
    1,
    [],
    exp=[("孚能科技（赣州）股份有限公司", "设备技术员", "2017-03-01", "2019-12-31")],
    design="NEAR: 2 years 10 months enterprise work (needs 3)",
)
T("g6", "GJZX", "710201", F_, 1995, "2019-08-26", 1, [PT("助理讲师", "2021-09-30")])
T(
    "g7",
    "GJZX",
    "740201",
    M_,
    1978,
    "2015-03-02",
    1,
    [SK("中式烹调师", "2", "2016-05-10")],
    exp=[("赣州市章贡区某酒楼", "厨师、厨师长", "1998-03-01", "2014-12-31")],
    design="DQ: skill cert in field + 16 years work",
)
T("g8", "GJZX", "730701", F_, 1997, "2022-08-26", 1, [])
G("g9", "GJZX", "语文", F_, 1990, "2014-08-28")
G("g10", "GJZX", "数学", M_, 1987, "2012-08-28", quals=[PT("讲师", "2019-12-20")])
G("g11", "GJZX", "英语", F_, 1996, "2023-08-28", cert=0)
PTT(
    "q1",
    "GJZX",
    "660702",
    "BYD",
    M_,
    1992,
    "2025-09-01",
    0,
    [IT("助理工程师", "汽车工程", "2021-10-30")],
    [("比亚迪股份有限公司", "整车电检技术员", "2014-07-01", None)],
)
PTT(
    "q2",
    "GJZX",
    "740201",
    "KJJD",
    M_,
    1983,
    "2023-03-01",
    0,
    [SK("中式烹调师", "3", "2019-05-18")],
    [("赣州客家印象酒店管理有限公司", "行政总厨", "2016-05-01", None)],
)

# --- 稀金职校 (invented private school): 6 programme teachers ---------------------------------
T(
    "x1",
    "XJZX",
    "660201",
    M_,
    1992,
    "2019-08-26",
    1,
    [PT("助理讲师", "2020-09-30")],
    prac=[
        ("XMZN", "2024-07-08", 100, "晓明智能：智能设备装调与运维"),
        ("XMZN", "2025-07-07", 70, "液晶模组生产设备维护"),
    ],
    design="NEAR: 170 of 180 practice days",
)
T(
    "x2",
    "XJZX",
    "670201",
    F_,
    1993,
    "2018-08-27",
    1,
    [SK("化工总控工", "4", "2025-06-21")],
    design="DQ: skill cert in field (2025)",
)
T("x3", "XJZX", "730301", F_, 1989, "2018-08-27", 1, [PT("讲师", "2019-12-20")])
T(
    "x4",
    "XJZX",
    "770101",
    F_,
    1994,
    "2018-08-27",
    1,
    [SK("保育师", "4", "2022-11-19")],
    design="DQ: skill cert in field (2022)",
)
T("x5", "XJZX", "740104", F_, 1998, "2022-08-26", 1, [])
T("x6", "XJZX", "710204", M_, 1995, "2020-08-28", 1, [])
G("x7", "XJZX", "语文", F_, 1991, "2018-08-27")
G("x8", "XJZX", "数学", M_, 1994, "2019-08-26")
G("x9", "XJZX", "英语", F_, 1997, "2021-08-27")
PTT(
    "r1",
    "XJZX",
    "660201",
    "XMZN",
    M_,
    1988,
    "2024-03-01",
    0,
    [IT("工程师", "机电一体化", "2021-11-26")],
    [("江西晓明智能科技有限公司", "设备工程师", "2011-07-01", None)],
)
PTT(
    "r2",
    "XJZX",
    "730705",
    "CXYX",
    F_,
    1996,
    "2024-09-01",
    0,
    [SK("互联网营销师", "4", "2023-04-15")],
    [("赣州橙乡优选电子商务有限公司", "直播运营主管", "2019-03-01", None)],
)

# --- 高新技校 (invented public technical school, opened 2024): 5 programme teachers ------------
T(
    "j1",
    "GXJX",
    "660105",
    M_,
    1985,
    "2024-08-26",
    1,
    [SK("焊工", "2", "2017-09-30")],
    exp=[
        ("江西铭利达精密技术股份有限公司", "焊接班长", "2008-07-01", "2016-06-30"),
        ("赣州市某钢结构公司", "焊接技术员", "2016-07-01", "2024-07-31"),
    ],
    design="DQ: skill cert in field + 16 years work",
)
T(
    "j2",
    "GXJX",
    "660102",
    M_,
    1988,
    "2024-08-26",
    1,
    [PT("助理讲师", "2025-09-26")],
    exp=[("江西铭利达精密技术股份有限公司", "CNC技术员", "2012-03-01", "2018-06-30")],
    design="DQ: 6 years enterprise work",
)
T("j3", "GXJX", "660102", F_, 1999, "2025-08-25", 1, [])
T(
    "j4",
    "GXJX",
    "660302",
    M_,
    1996,
    "2025-08-25",
    0,
    [SK("电工", "4", "2022-04-16")],
    design="NEAR: no teacher certificate yet (has 电工 四级 in field)",
)
T(
    "j5",
    "GXJX",
    "660306",
    M_,
    1997,
    "2024-08-26",
    1,
    [],
    prac=[("XMZN", "2025-07-07", 30, "工业机器人工作站运维")],
)
G("j6", "GXJX", "语文", F_, 1992, "2024-08-26")
PTT(
    "s1",
    "GXJX",
    "660102",
    "GSK",
    M_,
    1985,
    "2025-03-01",
    0,
    [IT("工程师", "机械制造", "2018-10-19")],
    [("广州数控设备有限公司", "售后服务工程师（赣州办事处）", "2009-07-01", None)],
)
PTT(
    "s2",
    "GXJX",
    "660306",
    "MLD",
    M_,
    1990,
    "2024-09-01",
    0,
    [SK("工业机器人系统运维员", "3", "2022-10-22")],
    [("江西铭利达精密技术股份有限公司", "自动化主管", "2012-07-01", None)],
)

# Teacher ID-card divisions (birthplace): mostly 赣县 (old code 360721) and neighbouring counties.
TEACHER_DIVISIONS = ["360721"] * 5 + [
    "360702",
    "360704",
    "360722",
    "360731",
    "360732",
    "360723",
    "360781",
    "360733",
]

# The rule the sample was designed against (MoE 2022 basic standard, simplified; the product
# keeps its rule set as data).  Denominator: full-time teachers with a programme_code.
DQ_RULE = dict(skill_min_level=4, work_years=3, practice_days=180, practice_window_years=5)


# ---------------------------------------------------------------------------------------------
# Partners, agreements, activities, indicators
# ---------------------------------------------------------------------------------------------
# key, name, kind, region, city, enterprise key (or None), website, notes
PARTNERS = [
    (
        "SZPU",
        "深圳职业技术大学",
        "college",
        "bay_area",
        "深圳市",
        None,
        "",
        "对口帮扶、3+2 贯通合作（合作内容为样例）",
    ),
    (
        "PYPT",
        "广州番禺职业技术学院",
        "college",
        "bay_area",
        "广州市",
        None,
        "",
        "数控专业 3+2 贯通合作（样例）",
    ),
    (
        "FSPT",
        "佛山职业技术学院",
        "college",
        "bay_area",
        "佛山市",
        None,
        "",
        "新能源汽车专业联合培养（样例）",
    ),
    (
        "ZSPT",
        "中山职业技术学院",
        "college",
        "bay_area",
        "中山市",
        None,
        "",
        "交流考察，尚无协议（样例）",
    ),
    (
        "DGPT",
        "东莞职业技术学院",
        "college",
        "bay_area",
        "东莞市",
        None,
        "",
        "分析检验专业联合培养（样例）",
    ),
    (
        "BYD",
        "比亚迪股份有限公司",
        "enterprise",
        "bay_area",
        "深圳市",
        "BYD",
        "https://www.byd.com",
        "",
    ),
    (
        "GREE",
        "珠海格力电器股份有限公司",
        "enterprise",
        "bay_area",
        "珠海市",
        "GREE",
        "https://www.gree.com",
        "",
    ),
    (
        "INOV",
        "深圳市汇川技术股份有限公司",
        "enterprise",
        "bay_area",
        "深圳市",
        "INOV",
        "https://www.inovance.com",
        "",
    ),
    (
        "ZXGZ",
        "中稀（赣州）稀土新材料有限公司",
        "enterprise",
        "ganzhou",
        "赣州市赣县区",
        "ZXGZ",
        "",
        "本地龙头企业",
    ),
    (
        "AKT",
        "赣州澳克泰工具技术有限公司",
        "enterprise",
        "ganzhou",
        "赣州市",
        "AKT",
        "",
        "本地龙头企业",
    ),
    (
        "JLCY",
        "江西金力永磁科技有限公司",
        "enterprise",
        "ganzhou",
        "赣州市",
        "JLCY",
        "https://www.jlmag.com.cn",
        "本地龙头企业",
    ),
    (
        "TYGY",
        "赣州腾远钴业新材料股份有限公司",
        "enterprise",
        "ganzhou",
        "赣州市赣县区",
        "TYGY",
        "",
        "本地龙头企业",
    ),
    (
        "GYALLY",
        "赣粤职业教育协同发展联盟",
        "alliance",
        "ganzhou",
        "赣州市",
        None,
        "",
        "虚构：代表规划第30条“与粤港澳大湾区优质职业院校共同组建职教发展联盟”；尚未实体化运行",
    ),
    (
        "GZZJLM",
        "赣州职教联盟",
        "alliance",
        "ganzhou",
        "赣州市",
        None,
        "",
        "名称取自规划第16条“以赣州职教联盟建设为契机”；成员与章程待核实",
    ),
    (
        "GXHTZ",
        "赣州高新技术产业开发区管理委员会",
        "government",
        "ganzhou",
        "赣州市赣县区",
        None,
        "",
        "产教融合实训基地共建方（协议内容为样例）",
    ),
]

# key, partner, school, type, title, signed_on, valid_until, programmes, notes
AGREEMENTS = [
    (
        "AGR-2021-01",
        "ZXGZ",
        "GXZZ",
        "order_class",
        "“中稀班”订单培养协议",
        "2021-06-18",
        "2027-06-30",
        "630501",
        "",
    ),
    (
        "AGR-2022-01",
        "AKT",
        "GXZZ",
        "order_class",
        "“澳克泰班”订单培养协议",
        "2022-05-20",
        "2027-05-19",
        "660103",
        "",
    ),
    (
        "AGR-2022-02",
        "JLCY",
        "GXZZ",
        "training_base",
        "金力永磁校外实训基地共建协议",
        "2022-09-09",
        "2027-09-08",
        "660301",
        "含“金力班”订单培养补充条款",
    ),
    (
        "AGR-2022-03",
        "GZZJLM",
        "GXZZ",
        "alliance_membership",
        "赣州职教联盟成员单位",
        "2022-11-16",
        "",
        "",
        "",
    ),
    (
        "AGR-2023-01",
        "SZPU",
        "GXZZ",
        "pairing",
        "深圳职业技术大学对口帮扶赣县中等专业学校协议",
        "2023-05-18",
        "2028-05-17",
        "660303;660103;660301",
        "帮扶内容：专业建设、师资培训、五个共同",
    ),
    (
        "AGR-2023-02",
        "GYALLY",
        "GXZZ",
        "alliance_membership",
        "赣粤职业教育协同发展联盟发起成员",
        "2023-12-08",
        "",
        "",
        "",
    ),
    (
        "AGR-2023-03",
        "GYALLY",
        "GJZX",
        "alliance_membership",
        "赣粤职业教育协同发展联盟成员单位",
        "2023-12-08",
        "",
        "",
        "",
    ),
    (
        "AGR-2024-01",
        "SZPU",
        "GXZZ",
        "articulation",
        "工业机器人技术应用专业中高职贯通（3+2）培养协议",
        "2024-03-22",
        "2029-08-31",
        "660303",
        "对接高职 工业机器人技术 专业",
    ),
    (
        "AGR-2024-02",
        "TYGY",
        "GXZZ",
        "order_class",
        "“腾远班”订单培养协议",
        "2024-06-12",
        "2029-06-11",
        "670207",
        "",
    ),
    (
        "AGR-2024-03",
        "GREE",
        "GXZZ",
        "training_base",
        "格力电器学生实习实训基地协议",
        "2024-04-26",
        "2026-04-25",
        "660302",
        "已到期，续签洽谈中",
    ),
    (
        "AGR-2024-04",
        "GXHTZ",
        "GXZZ",
        "training_base",
        "赣州高新区产教融合实训基地共建协议",
        "2024-09-10",
        "2029-09-09",
        "660103;660301;660303",
        "2025年认定为市级产教融合型实训基地（样例）",
    ),
    (
        "AGR-2025-01",
        "PYPT",
        "GXZZ",
        "articulation",
        "数控技术应用专业中高职贯通（3+2）培养协议",
        "2025-03-14",
        "2030-08-31",
        "660103",
        "对接高职 数控技术 专业",
    ),
    (
        "AGR-2025-02",
        "FSPT",
        "GJZX",
        "joint_training",
        "新能源汽车制造与检测专业联合培养协议",
        "2025-06-20",
        "2028-06-19",
        "660702",
        "约定按“五个共同”推进",
    ),
    (
        "AGR-2025-03",
        "BYD",
        "GJZX",
        "order_class",
        "比亚迪新能源汽车订单班协议",
        "2025-05-28",
        "2028-05-27",
        "660702",
        "",
    ),
    (
        "AGR-2026-01",
        "DGPT",
        "GXZZ",
        "joint_training",
        "分析检验技术专业联合培养协议",
        "2026-04-10",
        "2029-04-09",
        "670207",
        "",
    ),
]

# Activities.  people: teacher ids (resolved to their names) plus a count of further fictional
# participants.  teacher: teacher id for teacher_practice / technician_teaching.
ACTIVITIES = [
    dict(
        date="2023-04-13",
        type="exchange_visit",
        school="GXZZ",
        progs="660303;660103",
        partners="SZPU",
        status="done",
        title="赴深圳职业技术大学考察工业机器人、数控专业建设",
        people=["t9", "t1"],
        extra=2,
    ),
    dict(
        date="2023-11-09",
        type="exchange_visit",
        school="GXZZ",
        progs="660303",
        partners="SZPU",
        status="done",
        title="深圳职业技术大学专家团来校调研指导",
        people=[],
        extra=3,
    ),
    dict(
        date="2023-12-08",
        type="alliance_meeting",
        school="GXZZ",
        progs="",
        partners="GYALLY;SZPU;PYPT;FSPT",
        status="done",
        title="赣粤职业教育协同发展联盟成立大会",
        people=["t1"],
        extra=3,
    ),
    dict(
        date="2024-06-20",
        type="five_commons_plan",
        school="GXZZ",
        progs="660303",
        partners="SZPU",
        status="done",
        title="共同制定工业机器人技术应用专业（3+2）人才培养方案",
        people=["t9", "t10"],
        extra=2,
    ),
    dict(
        date="2024-09-06",
        type="joint_enrolment",
        school="GXZZ",
        progs="660303",
        partners="SZPU",
        status="done",
        title="工业机器人技术应用3+2首届招生",
        people=[],
        extra=1,
        students=40,
    ),
    dict(
        date="2024-10-24",
        type="exchange_visit",
        school="GXZZ",
        progs="660103",
        partners="PYPT",
        status="done",
        title="赴广州番禺职业技术学院考察数控专业",
        people=["t1", "t3"],
        extra=1,
    ),
    dict(
        date="2024-11-15",
        type="five_commons_curriculum",
        school="GXZZ",
        progs="660303",
        partners="SZPU",
        status="done",
        title="共同构建工业机器人技术应用专业课程体系",
        people=["t9", "t11"],
        extra=2,
    ),
    dict(
        date="2024-07-08",
        type="teacher_practice",
        school="GXZZ",
        progs="660302",
        partners="GREE",
        status="done",
        title="教师赴格力电器企业实践",
        teacher="t19",
        ent="GREE",
    ),
    dict(
        date="2024-12-06",
        type="alliance_meeting",
        school="GXZZ",
        progs="",
        partners="GYALLY",
        status="done",
        title="赣粤职业教育协同发展联盟2024年度工作会议",
        people=[],
        extra=2,
    ),
    dict(
        date="2025-03-01",
        type="teacher_practice",
        school="GJZX",
        progs="660702",
        partners="BYD",
        status="done",
        title="教师赴比亚迪脱产企业实践",
        teacher="g1",
        ent="BYD",
    ),
    dict(
        date="2025-04-18",
        type="five_commons_plan",
        school="GXZZ",
        progs="660103",
        partners="PYPT",
        status="done",
        title="共同制定数控技术应用专业（3+2）人才培养方案",
        people=["t1", "t2"],
        extra=2,
    ),
    dict(
        date="2025-04-22",
        type="technician_teaching",
        school="GXZZ",
        progs="660302",
        partners="GREE",
        status="done",
        title="格力电器技术骨干来校讲授空调电控",
        people=[],
        extra=1,
        ent="GREE",
        hours=12,
        course="电气控制与PLC",
    ),
    dict(
        date="2025-05-22",
        type="five_commons_syllabus",
        school="GXZZ",
        progs="660303",
        partners="SZPU",
        status="done",
        title="共同制定《工业机器人操作与编程》等3门课程教学大纲",
        people=["t9"],
        extra=1,
    ),
    dict(
        date="2025-05-15",
        type="exchange_visit",
        school="XJZX",
        progs="660201",
        partners="ZSPT",
        status="done",
        title="赴中山职业技术学院交流智能设备运维专业建设",
        people=["x1"],
        extra=1,
    ),
    dict(
        date="2025-06-11",
        type="exchange_visit",
        school="GJZX",
        progs="660702",
        partners="FSPT",
        status="done",
        title="赴佛山职业技术学院洽谈新能源汽车专业合作",
        people=["g1"],
        extra=2,
    ),
    dict(
        date="2025-07-06",
        type="teacher_practice",
        school="GXZZ",
        progs="660303",
        partners="INOV",
        status="done",
        title="教师赴汇川技术企业实践",
        teacher="t9",
        ent="INOV",
    ),
    dict(
        date="2025-07-10",
        type="teacher_practice",
        school="GXZZ",
        progs="660303",
        partners="",
        status="done",
        title="教师赴大族激光企业实践",
        teacher="t10",
        ent="HANS",
    ),
    dict(
        date="2025-07-14",
        type="student_internship",
        school="GXZZ",
        progs="660302",
        partners="GREE",
        status="done",
        title="电气设备运行与控制专业学生赴格力珠海基地岗位实习",
        people=["t19"],
        extra=0,
        ent="GREE",
        students=32,
        days=180,
    ),
    dict(
        date="2025-09-05",
        type="joint_enrolment",
        school="GXZZ",
        progs="660303",
        partners="SZPU",
        status="done",
        title="工业机器人技术应用3+2第二届招生",
        people=[],
        extra=1,
        students=45,
    ),
    dict(
        date="2025-09-05",
        type="joint_enrolment",
        school="GXZZ",
        progs="660103",
        partners="PYPT",
        status="done",
        title="数控技术应用3+2首届招生",
        people=[],
        extra=1,
        students=40,
    ),
    dict(
        date="2025-09-26",
        type="five_commons_plan",
        school="GJZX",
        progs="660702",
        partners="FSPT",
        status="done",
        title="共同制定新能源汽车制造与检测专业人才培养方案",
        people=["g1"],
        extra=2,
    ),
    dict(
        date="2025-10-30",
        type="five_commons_curriculum",
        school="GXZZ",
        progs="660103",
        partners="PYPT",
        status="done",
        title="共同构建数控技术应用专业课程体系",
        people=["t1", "t3"],
        extra=1,
    ),
    dict(
        date="2025-11-20",
        type="technician_teaching",
        school="GXZZ",
        progs="660303",
        partners="INOV",
        status="done",
        title="汇川技术工程师来校讲授PLC与伺服应用",
        teacher="p4",
        ent="INOV",
        hours=16,
        course="PLC应用技术",
    ),
    dict(
        date="2025-12-05",
        type="alliance_meeting",
        school="GXZZ",
        progs="",
        partners="GYALLY;SZPU;FSPT;ZSPT",
        status="done",
        title="赣粤职业教育协同发展联盟2025年度工作会议暨五个共同推进会",
        people=["t1"],
        extra=3,
    ),
    dict(
        date="2026-03-16",
        type="technician_teaching",
        school="GJZX",
        progs="660702",
        partners="BYD",
        status="done",
        title="比亚迪技术员来校讲授动力电池结构与检测",
        teacher="q1",
        ent="BYD",
        hours=24,
        course="新能源汽车动力蓄电池装配与检测",
    ),
    dict(
        date="2026-03-09",
        type="student_internship",
        school="GXZZ",
        progs="660303",
        partners="INOV",
        status="done",
        title="工业机器人专业学生赴汇川技术岗位实习",
        people=["t11"],
        extra=0,
        ent="INOV",
        students=12,
        days=120,
    ),
    dict(
        date="2026-05-14",
        type="five_commons_plan",
        school="GXZZ",
        progs="670207",
        partners="DGPT",
        status="done",
        title="共同制定分析检验技术专业人才培养方案",
        people=["t16", "t17"],
        extra=2,
    ),
    dict(
        date="2026-05-20",
        type="technician_teaching",
        school="GXZZ",
        progs="660303",
        partners="",
        status="done",
        title="大族激光技术员来校讲授激光焊接机器人应用",
        people=[],
        extra=1,
        ent="HANS",
        hours=8,
        course="工业机器人典型应用",
    ),
    dict(
        date="2026-07-13",
        type="teacher_practice",
        school="GXZZ",
        progs="660103",
        partners="",
        status="done",
        title="教师赴广州数控企业实践",
        teacher="t4",
        ent="GSK",
    ),
    dict(
        date="2026-07-06",
        type="student_internship",
        school="GJZX",
        progs="660702",
        partners="BYD",
        status="done",
        title="新能源汽车订单班学生赴比亚迪深圳基地岗位实习",
        people=["g1"],
        extra=0,
        ent="BYD",
        students=28,
        days=150,
    ),
    dict(
        date="2026-08-03",
        type="teacher_practice",
        school="GXZZ",
        progs="660702",
        partners="BYD",
        status="done",
        title="教师赴比亚迪企业实践",
        teacher="t15",
        ent="BYD",
    ),
    dict(
        date="2026-09-04",
        type="joint_enrolment",
        school="GXZZ",
        progs="660303",
        partners="SZPU",
        status="done",
        title="工业机器人技术应用3+2第三届招生",
        people=[],
        extra=1,
        students=42,
    ),
    dict(
        date="2026-10-23",
        type="five_commons_curriculum",
        school="GXZZ",
        progs="670207",
        partners="DGPT",
        status="done",
        title="共同构建分析检验技术专业课程体系",
        people=["t16"],
        extra=1,
    ),
    dict(
        date="2026-12-11",
        type="alliance_meeting",
        school="GXZZ",
        progs="",
        partners="GYALLY",
        status="planned",
        title="赣粤职业教育协同发展联盟2026年度工作会议（赣州）",
        people=[],
        extra=0,
    ),
    dict(
        date="2027-01-11",
        type="teacher_practice",
        school="GXZZ",
        progs="660301",
        partners="",
        status="planned",
        title="教师赴美的集团企业实践（计划）",
        teacher="t8",
        ent="MIDEA",
        days=60,
    ),
    dict(
        date="2027-01-12",
        type="five_commons_evaluation",
        school="GXZZ",
        progs="660103",
        partners="PYPT",
        status="planned",
        title="共同开展数控技术应用专业学生技能考核评价",
        people=[],
        extra=0,
    ),
    dict(
        date="2027-03-15",
        type="five_commons_textbook",
        school="GXZZ",
        progs="660303",
        partners="SZPU",
        status="planned",
        title="共同开发《工业机器人工作站集成》校本教材",
        people=["t9"],
        extra=0,
    ),
    dict(
        date="2027-03-08",
        type="student_internship",
        school="GXZZ",
        progs="660301",
        partners="",
        status="planned",
        title="机电技术应用专业学生赴美的集团岗位实习（计划）",
        people=[],
        extra=0,
        ent="MIDEA",
        students=20,
    ),
    dict(
        date="2027-03-20",
        type="technician_teaching",
        school="GXZZ",
        progs="660303",
        partners="INOV",
        status="planned",
        title="汇川技术工程师来校讲授工业机器人工作站调试（计划）",
        teacher="p4",
        ent="INOV",
        hours=16,
        course="工业机器人安装与调试",
    ),
    dict(
        date="2027-04-10",
        type="five_commons_syllabus",
        school="GJZX",
        progs="660702",
        partners="FSPT",
        status="planned",
        title="共同制定新能源汽车专业核心课程教学大纲",
        people=[],
        extra=0,
    ),
]

INDICATORS = [
    (
        "provincial_quality_school",
        "0",
        "2026-11-29",
        "SAMPLE：赣县中等专业学校按江西省中等专业学校A档标准建设中，尚未获评省级优质中职学校",
    ),
    (
        "industry_education_training_base",
        "1",
        "2026-11-29",
        "SAMPLE：赣州高新区产教融合实训基地（协议 AGR-2024-04），2025年认定为市级",
    ),
    (
        "vocational_education_group",
        "0",
        "2026-11-29",
        "SAMPLE：已加入赣州职教联盟、发起赣粤职业教育协同发展联盟，但尚无实体化运行的示范性职教集团",
    ),
    (
        "general_high_school_places",
        "4650",
        "2026-06-30",
        "SAMPLE：2026年普通高中招生计划（虚构数字）",
    ),
    # secondary_vocational_places is appended by build(): the sum of offerings.csv intake_plan.
]


# ---------------------------------------------------------------------------------------------
# Build
# ---------------------------------------------------------------------------------------------
EVIDENCE_BASE = "https://example.org/vocmatch-sample/evidence/"  # reserved documentation domain


def build(out_dir: str) -> dict:
    g = Gen()
    r = g.r
    os.makedirs(out_dir, exist_ok=True)
    ctx: dict = {}

    # schools.csv ------------------------------------------------------------------------------
    write_csv(
        os.path.join(out_dir, "schools.csv"),
        ["code", "name", "short_name", "kind", "address", "founded_year", "website"],
        [[c, n, s, k, a, y, w] for c, n, s, k, a, y, w, _inv, _note in SCHOOLS],
    )

    # offerings.csv ----------------------------------------------------------------------------
    rows, totals, intake_total = [], Counter(), 0
    for school, code, intake, kd, ch, pq, since in OFFERINGS:
        cohorts = min(3, YEAR - since + 1)
        enrolled = int(round(intake * cohorts * 0.9 * r.uniform(0.93, 1.05)))
        grads = int(round(intake * 0.85 * r.uniform(0.95, 1.04)))
        totals[school] += enrolled
        intake_total += intake
        rows.append([school, code, YEAR, intake, enrolled, grads, kd, ch, pq, since])
    write_csv(
        os.path.join(out_dir, "offerings.csv"),
        [
            "school_code",
            "programme_code",
            "year",
            "intake_plan",
            "enrolled",
            "graduates_per_year",
            "key_demonstration",
            "characteristic",
            "provincial_quality",
            "since_year",
        ],
        rows,
    )
    ctx["enrolled_2026"] = dict(totals)
    ctx["intake_total"] = intake_total

    # enrolment_history.csv --------------------------------------------------------------------
    rows = []
    for school, _n, *_rest in SCHOOLS:
        for y in range(2020, YEAR + 1):
            v = totals[school] if y == YEAR else ENROLMENT_HISTORY.get(school, {}).get(y)
            if v:
                rows.append([school, y, v])
    write_csv(
        os.path.join(out_dir, "enrolment_history.csv"), ["school_code", "year", "enrolled"], rows
    )

    # enterprises.csv --------------------------------------------------------------------------
    rows = []
    for key, (
        name,
        short,
        div,
        lk,
        city,
        addr,
        size,
        lead,
        chains,
        web,
        src,
        notes,
    ) in ENTERPRISES.items():
        code = g.uscc(div)
        male = r.random() < 0.45
        contact = g.name(male) if key not in ("ZCLD", "LYXC") else ""
        phone = g.phone() if contact else ""
        note = (notes + "；" if notes else "") + "统一社会信用代码为虚构；联系人为虚构人物"
        rows.append(
            [
                name,
                short,
                code,
                lk,
                city,
                addr,
                size,
                lead,
                chains,
                "",
                contact,
                phone,
                web,
                src,
                note,
            ]
        )
    write_csv(
        os.path.join(out_dir, "enterprises.csv"),
        [
            "name",
            "short_names",
            "credit_code",
            "location_kind",
            "city",
            "address",
            "size",
            "is_leading",
            "chains",
            "segments",
            "contact_name",
            "contact_phone",
            "website",
            "source_url",
            "notes",
        ],
        rows,
    )

    # postings.csv + postings_labels.csv -------------------------------------------------------
    order = list(range(len(POSTINGS)))
    r.shuffle(order)
    n = 100
    prow, lrow = [], []
    for i in order:
        p = POSTINGS[i]
        n += r.randint(3, 41)
        ext = f"HTZ-2026-{n:06d}"
        roll = r.random()
        status = (
            "open"
            if roll < 0.76
            else "filled"
            if roll < 0.85
            else "closed"
            if roll < 0.91
            else "expired"
        )
        if status == "expired":
            vf = g.date_between(D("2026-06-01"), D("2026-08-31"))
            vu = g.date_between(max(vf + dt.timedelta(days=30), D("2026-08-15")), D("2026-11-28"))
        else:
            vf = g.date_between(D("2026-06-01"), D("2026-11-27"))
            vu = g.date_between(D("2026-12-01"), D("2027-06-30"))
        prow.append(
            [
                ext,
                ent_name(p["ent"]),
                p["title"],
                p["description"],
                p["skills"],
                p["headcount"],
                p["education"],
                p["type"],
                p["location"],
                p["salary_min"],
                p["salary_max"],
                iso(vf),
                iso(vu),
                status,
            ]
        )
        lrow.append([ext, p["chain"]])
    write_csv(
        os.path.join(out_dir, "postings.csv"),
        [
            "external_id",
            "enterprise_name",
            "title",
            "description",
            "skills",
            "headcount",
            "education",
            "type",
            "location",
            "salary_min",
            "salary_max",
            "valid_from",
            "valid_until",
            "status",
        ],
        prow,
    )
    write_csv(os.path.join(out_dir, "postings_labels.csv"), ["external_id", "intended_chain"], lrow)

    # teachers + qualifications + experience + practice ----------------------------------------
    staff: dict[str, str] = {}
    names: dict[str, str] = {}
    trows, qrows, erows, prrows = [], [], [], []
    for school, *_ in SCHOOLS:
        mine = sorted(
            (t for t in TEACHERS if t["school"] == school), key=lambda t: (t["hired"], t["tid"])
        )
        for i, t in enumerate(mine, 1):
            sno = f"{school}-T{i:04d}"
            staff[t["tid"]] = sno
            nm = g.name(t["male"])
            names[t["tid"]] = nm
            idn = g.id_card(r.choice(TEACHER_DIVISIONS), t["birth_year"], t["male"])
            cert_no = ""
            if t["cert"]:
                cy = t["hired"].year - r.choice([0, 0, 1, 1, 2])
                cert_no = f"{cy}36{r.randrange(10**11):011d}"
            src = ent_name(t["src"]) if t["src"] else ""
            trows.append(
                [
                    sno,
                    school,
                    nm,
                    "M" if t["male"] else "F",
                    t["birth_year"],
                    idn,
                    t["prog"],
                    t["subject"],
                    t["emp"],
                    src,
                    iso(t["hired"]),
                    t["cert"],
                    cert_no,
                ]
            )
            for kind, qname, level, issuer, issued, field in t["quals"]:
                qrows.append([sno, kind, qname, level, issuer, iso(issued), field or t["subject"]])
            for employer, role, s, e in t["exp"]:
                erows.append([sno, employer, role, s, e or ""])
            for ek, s, days, content in t["prac"]:
                start = D(s)
                prrows.append(
                    [
                        sno,
                        ent_name(ek),
                        s,
                        iso(start + dt.timedelta(days=days - 1)),
                        days,
                        1 if is_bay(ek) else 0,
                        content,
                    ]
                )
    write_csv(
        os.path.join(out_dir, "teachers.csv"),
        [
            "staff_no",
            "school_code",
            "name",
            "gender",
            "birth_year",
            "id_card",
            "programme_code",
            "subject_area",
            "employment",
            "source_enterprise",
            "hired_on",
            "has_teacher_certificate",
            "teacher_certificate_no",
        ],
        trows,
    )
    write_csv(
        os.path.join(out_dir, "teacher_qualifications.csv"),
        ["staff_no", "kind", "name", "level", "issuer", "issued_on", "field"],
        qrows,
    )
    write_csv(
        os.path.join(out_dir, "teacher_experience.csv"),
        ["staff_no", "employer", "role", "start_date", "end_date"],
        erows,
    )
    prrows.sort(key=lambda x: (x[2], x[0]))
    write_csv(
        os.path.join(out_dir, "teacher_practice.csv"),
        ["staff_no", "enterprise_name", "start_date", "end_date", "days", "bay_area", "content"],
        prrows,
    )
    ctx["staff"] = staff

    # partners.csv / agreements.csv ------------------------------------------------------------
    write_csv(
        os.path.join(out_dir, "partners.csv"),
        ["key", "name", "kind", "region", "city", "enterprise_name", "website", "notes"],
        [
            [k, nm, kind, reg, city, ent_name(ek) if ek else "", web, notes]
            for k, nm, kind, reg, city, ek, web, notes in PARTNERS
        ],
    )
    write_csv(
        os.path.join(out_dir, "agreements.csv"),
        [
            "key",
            "partner_key",
            "school_code",
            "type",
            "title",
            "signed_on",
            "valid_until",
            "programmes",
            "notes",
        ],
        [list(a) for a in AGREEMENTS],
    )

    # activities.csv ---------------------------------------------------------------------------
    tspec = {t["tid"]: t for t in TEACHERS}
    arows = []
    acts = sorted(ACTIVITIES, key=lambda a: a["date"])
    for i, a in enumerate(acts, 1):
        key = f"ACT-{i:03d}"
        people = [names[tid] for tid in a.get("people", [])]
        tno, ent, days, hours = "", "", a.get("days", ""), a.get("hours", "")
        if a.get("teacher"):
            tid = a["teacher"]
            tno = staff[tid]
            people.insert(0, names[tid])
            if a["type"] == "teacher_practice" and a["status"] == "done":
                rec = [p for p in tspec[tid]["prac"] if p[0] == a["ent"] and p[1] == a["date"]]
                assert len(rec) == 1, (a, tid)
                days = rec[0][2]
        people += [g.name(r.random() < 0.6) for _ in range(a.get("extra", 0))]
        if a.get("ent"):
            ent = ent_name(a["ent"])
        evidence = ""
        if a["status"] == "done" and r.random() < 0.72:
            evidence = f"{EVIDENCE_BASE}{key}.pdf"
        notes = "SAMPLE" + ("；证明材料待上传" if a["status"] == "done" and not evidence else "")
        arows.append(
            [
                key,
                a["date"],
                a["type"],
                a["school"],
                a["progs"],
                a["partners"],
                a["status"],
                a["title"],
                ";".join(people),
                tno,
                ent,
                days,
                hours,
                a.get("students", ""),
                a.get("course", ""),
                evidence,
                notes,
            ]
        )
    write_csv(
        os.path.join(out_dir, "activities.csv"),
        [
            "key",
            "date",
            "type",
            "school_code",
            "programmes",
            "partner_keys",
            "status",
            "title",
            "people",
            "teacher_staff_no",
            "enterprise_name",
            "days",
            "hours",
            "students",
            "course",
            "evidence_url",
            "notes",
        ],
        arows,
    )

    # indicator_values.csv ---------------------------------------------------------------------
    ind = [list(x) for x in INDICATORS]
    ind.append(
        [
            "secondary_vocational_places",
            str(intake_total),
            "2026-06-30",
            "SAMPLE：2026年中职招生计划，等于 offerings.csv intake_plan 合计",
        ]
    )
    write_csv(
        os.path.join(out_dir, "indicator_values.csv"),
        ["indicator", "value", "as_of", "evidence"],
        ind,
    )

    # README.md (needs the numbers computed from the files just written) ----------------------
    stats = compute_stats(out_dir)
    with open(os.path.join(out_dir, "README.md"), "w", encoding="utf-8", newline="") as f:
        f.write(readme(stats))
    ctx["stats"] = stats
    return ctx


# ---------------------------------------------------------------------------------------------
# Dual-qualified (双师型) evaluation used to design and check the sample
# ---------------------------------------------------------------------------------------------
def years_before(d: dt.date, n: int) -> dt.date:
    try:
        return d.replace(year=d.year - n)
    except ValueError:  # 29 Feb
        return d.replace(year=d.year - n, day=28)


def dq_evaluate(
    t: dict, quals: list, exps: list, pracs: list, as_of: dt.date
) -> tuple[bool, list, list]:
    """Return (dual_qualified, reasons_met, near_misses) for one teacher row as of a date."""
    fields = PROGRAMME_FIELDS.get(t["programme_code"], set())
    cert = t["has_teacher_certificate"] == "1"
    met, near = [], []
    for q in quals:
        if D(q["issued_on"]) > as_of or q["kind"] == "professional_title":
            continue
        in_field = q["field"] in fields
        if q["kind"] == "skill_certificate":
            if in_field and int(q["level"]) <= DQ_RULE["skill_min_level"]:
                met.append(f"skill:{q['field']}/{q['level']}")
            elif in_field:
                near.append(
                    f"skill certificate level {q['level']} (needs {DQ_RULE['skill_min_level']} or higher)"
                )
            else:
                near.append(f"skill certificate outside field ({q['field']})")
        elif q["kind"] == "industry_title":
            if in_field:
                met.append(f"title:{q['name']}")
            else:
                near.append(f"industry title outside field ({q['field']})")
    work = 0
    for e in exps:
        s = D(e["start_date"])
        end = min(D(e["end_date"]) if e["end_date"] else as_of, as_of)
        if s <= end:
            work += (end - s).days + 1
    need_work = DQ_RULE["work_years"] * 365
    if work >= need_work:
        met.append(f"work:{work / 365:.1f}y")
    elif work >= 700:
        near.append(f"enterprise work {work / 365:.1f} of {DQ_RULE['work_years']} years")
    lo = years_before(as_of, DQ_RULE["practice_window_years"])
    in_window = sum(int(p["days"]) for p in pracs if lo < D(p["end_date"]) <= as_of)
    ever = sum(int(p["days"]) for p in pracs if D(p["end_date"]) <= as_of)
    need = DQ_RULE["practice_days"]
    if in_window >= need:
        met.append(f"practice:{in_window}d")
    elif in_window >= 120:
        near.append(f"enterprise practice {in_window} of {need} days")
    elif ever >= need:
        near.append(
            f"practice {ever} days in total but only {in_window} within {DQ_RULE['practice_window_years']} years"
        )
    if not cert:
        if met:
            near.insert(0, "no teacher certificate")
        met = []
    ok = bool(met)
    return ok, met, ([] if ok else near)


def compute_stats(out_dir: str) -> dict:
    R = lambda f: read_csv(os.path.join(out_dir, f))  # noqa: E731
    teachers, quals, exps, pracs = (
        R("teachers.csv"),
        R("teacher_qualifications.csv"),
        R("teacher_experience.csv"),
        R("teacher_practice.csv"),
    )

    def by(rows: list) -> dict:
        return {
            k: [x for x in rows if x["staff_no"] == k] for k in (t["staff_no"] for t in teachers)
        }

    qb, eb, pb = by(quals), by(exps), by(pracs)
    s: dict = {"files": {}}
    for f in sorted(os.listdir(out_dir)):
        if f.endswith(".csv"):
            s["files"][f] = len(R(f))
    labels = {x["external_id"]: x["intended_chain"] for x in R("postings_labels.csv")}
    postings = R("postings.csv")
    s["chain"] = Counter(labels[p["external_id"]] for p in postings)
    s["ptype"] = Counter(p["type"] for p in postings)
    s["pstatus"] = Counter(p["status"] for p in postings)
    ents = R("enterprises.csv")
    s["loc"] = Counter(e["location_kind"] for e in ents)
    s["leading"] = [e["name"] for e in ents if e["is_leading"] == "1"]
    s["enrol"] = defaultdict(dict)
    for x in R("enrolment_history.csv"):
        s["enrol"][int(x["year"])][x["school_code"]] = int(x["enrolled"])
    # dual-qualified, basis = full-time teachers with a programme_code
    s["dq_school"], s["dq_series"], s["near"], s["dq_alt"] = {}, {}, [], {}
    for y in list(range(2021, YEAR)) + [YEAR]:
        as_of = AS_OF if y == YEAR else dt.date(y, 12, 31)
        num = den = 0
        per = Counter(), Counter()
        for t in teachers:
            if (
                t["employment"] != "full_time"
                or not t["programme_code"]
                or D(t["hired_on"]) > as_of
            ):
                continue
            ok, _met, near = dq_evaluate(
                t, qb[t["staff_no"]], eb[t["staff_no"]], pb[t["staff_no"]], as_of
            )
            den += 1
            num += ok
            per[0][t["school_code"]] += ok
            per[1][t["school_code"]] += 1
            if y == YEAR and near:
                s["near"].append((t["staff_no"], t["programme_code"], near))
        s["dq_series"][y] = (num, den)
        if y == YEAR:
            s["dq_school"] = {sc: (per[0][sc], per[1][sc]) for sc in per[1]}
    all_ok = ft_ok = ft = 0
    for t in teachers:
        ok = dq_evaluate(t, qb[t["staff_no"]], eb[t["staff_no"]], pb[t["staff_no"]], AS_OF)[0]
        all_ok += ok
        if t["employment"] == "full_time":
            ft += 1
            ft_ok += ok
    s["dq_alt"] = {"all teachers": (all_ok, len(teachers)), "all full-time teachers": (ft_ok, ft)}
    s["teachers"] = Counter(
        (t["school_code"], t["employment"], bool(t["programme_code"])) for t in teachers
    )
    return s


def pct(a, b):
    return f"{a}/{b} = {100 * a / b:.1f} %" if b else "n/a"


# ---------------------------------------------------------------------------------------------
# README
# ---------------------------------------------------------------------------------------------
SCHOOL_NAMES = {c: n for c, n, *_ in SCHOOLS}


def readme(s: dict) -> str:
    files = "\n".join(f"| `{f}` | {n} |" for f, n in s["files"].items())
    chain = ", ".join(f"{k} {v}" for k, v in sorted(s["chain"].items()))
    ptype = ", ".join(f"{k} {v}" for k, v in sorted(s["ptype"].items()))
    pstat = ", ".join(f"{k} {v}" for k, v in sorted(s["pstatus"].items()))
    loc = ", ".join(f"{k} {v}" for k, v in sorted(s["loc"].items()))
    enrol = "\n".join(
        f"| {y} | "
        + " | ".join(str(s["enrol"][y].get(c, "—")) for c, *_ in SCHOOLS)
        + f" | {sum(s['enrol'][y].values())} |"
        for y in sorted(s["enrol"])
    )
    dq_school = "\n".join(
        f"| {c} {SCHOOL_NAMES[c]} | {pct(*v)} |" for c, v in s["dq_school"].items()
    )
    n, d = map(sum, zip(*s["dq_school"].values(), strict=True))
    series = " · ".join(
        f"{y}: {100 * a / b:.1f} % ({a}/{b})" for y, (a, b) in s["dq_series"].items()
    )
    alt = "; ".join(f"{k}: {pct(*v)}" for k, v in s["dq_alt"].items())
    near = "\n".join(f"| {sn} | {pc} | {'; '.join(r)} |" for sn, pc, r in s["near"])
    incomplete = "、".join(v[0] for v in ENTERPRISES.values() if "完整登记名称" in v[11])
    school_lines = "\n".join(
        f"| `{c}` | {n_} | {'INVENTED' if inv else 'real'} | {note} |"
        for c, n_, _s, _k, _a, _y, _w, inv, note in SCHOOLS
    )
    return f"""**SAMPLE DATA — fictional people, real organisations where named; not official statistics**

# vocmatch sample deployment (`data/sample/`)

A realistic demo dataset for Ganxian District (赣县区, Ganzhou, Jiangxi) and the Ganzhou High-tech
Zone, used by `make run` and by tests.  **Do not edit by hand**: every file here is written by
`scripts/build_sample_data.py` (standard library only, seeded `random.Random({SEED})`, byte-for-byte
deterministic).  Regenerate with `python scripts/build_sample_data.py`; validate with
`python scripts/build_sample_data.py --check`.  The sample's "today" is **{AS_OF}**.

## What is real and what is invented

| thing | status |
|---|---|
| People (teachers, contacts, activity participants) | **all fictional** — names generated; any match with a real person is coincidence |
| ID-card numbers (`teachers.id_card`) | **fictional**, 18 digits, valid GB 11643 / ISO 7064 MOD 11-2 check digit, region prefix 3607xx. The product must mask or hash them; never display them in full |
| Phone numbers, teacher-certificate numbers | fictional (certificate numbers: year + `36` + 11 random digits, not the real format) |
| Unified Social Credit Codes (`enterprises.credit_code`) | **fictional** but valid (GB 32100-2015 check character; the embedded GB 11714 organisation code is valid too); prefix `91` + a real division code of the enterprise's city |
| The 32 Ganzhou chain enterprises | real organisations from `shared/data/ganzhou_enterprises_from_public_pages.csv` (names as given there, `source_url` copied). Two names were completed: 腾远钴业 → 赣州腾远钴业新材料股份有限公司, 澳克泰工具技术有限公司 → 赣州澳克泰工具技术有限公司 (old name kept in `short_names`). 江西金力永磁科技有限公司 is kept as given although its current registered name is …股份有限公司 (noted in `notes`). These names stay incomplete as in the source: {incomplete}; 志存锂电新材料产业园 is an industrial park, not a company |
| 9 Greater Bay Area enterprises | real companies (比亚迪, 邦普循环, 格力电器, 美的集团, 汇川技术, 大族激光, 欣旺达, 大洋电机, 广州数控); websites from memory, to be verified |
| 7 local non-chain firms (物流, 酒店, 超市, 医院, 幼儿园, 电商, 团餐) | **invented** (`notes` says 虚构) |
| Headcounts, salaries, sizes, `is_leading`, posting texts | invented; postings are hand-written in the style of real Chinese job ads and do not describe real vacancies |
| Schools | see table below |
| Enrolment, intake, graduates, indicator values, agreements, activities | invented, shaped by the 14th FYP targets (2020: 8,000 中职 students; 2025 target 13,000) |
| Bay Area colleges, 赣州高新区管委会 | real institutions; every agreement and activity with them is invented |
| 赣粤职业教育协同发展联盟 | **invented** alliance (stands for the plan's item 30 alliance); 赣州职教联盟 is named in the plan (item 16), details unverified |
| Evidence URLs | placeholders on `example.org` |

### Schools

| code | name | status | note |
|---|---|---|---|
{school_lines}

All programme codes are real 中职 codes of the 2021 MoE catalogue (checked by `--check`).

### `location_kind` decision

The shared enterprise file says 赣县经济开发区 for one firm.  Ganxian Economic Development Zone is
the zone that was upgraded (2015) into the national Ganzhou High-tech Zone, which lies in Ganxian
District; the plan treats the High-tech Zone as Ganxian's own industrial base ("为赣州高新区企业输送
更多'赣县工匠'", item 15) and never names the old zone.  So **赣县经济开发区 → `high_tech_zone`**, as
is 赣州钴钼稀有金属产业基地 in Ganxian (assumption, to be confirmed).  "赣州" without a park, 赣州经开区
(a different zone), 龙南, 大余, 兴国, 信丰 and 赣县 without a park → `ganzhou`.  Bay Area → `bay_area`.
Counts: {loc}.

## Files

| file | rows |
|---|---|
{files}

* `schools.csv` — `code,name,short_name,kind,address,founded_year,website`.
* `offerings.csv` — programmes per school for 2026 with intake plan, enrolled (≈ intake × cohorts ×
  0.9), graduates per year (≈ 0.85 × intake, steady state — the technical school opened in 2024 has
  no graduates yet) and flags.  赣县中专 has 3 provincial-quality programmes (660103, 660301, 770101;
  plan target ≥ 5) and 4 chain key-demonstration/characteristic programmes (660103, 660301 key
  demonstration; 660303, 630501 characteristic); 贡江职校's 660702 is characteristic → 5 in the
  district (target ≥ 5).  Deliberate gaps: 660303 工业机器人 and 贡江 660702 have no agreement with
  a leading enterprise (660702 works with 比亚迪, which is not flagged leading); 730705 直播电商 has no
  full-time teacher; nobody offers 护理 although a hospital posts for nurses.
* `enrolment_history.csv` — 2020–2026 per school (a school appears from its first year); 2026 equals
  the sum of `offerings.enrolled`.
* `enterprises.csv` — {s["files"]["enterprises.csv"]} enterprises; `segments` left empty on purpose;
  leading (`is_leading=1`): {", ".join(s["leading"])}.
* `postings.csv` — hand-written job ads as the High-tech Zone HR platform would push them
  (`external_id` HTZ-2026-nnnnnn).  Descriptions keep real-ad features: numbered 岗位职责/任职要求,
  one-liners, 五险一金/包吃住/倒班, English tokens (CNC, PLC, FANUC, KUKA, IPQC…), a few typos
  (维户, 建康, 有先, 吃主, 工做, 论换) and three ads in traditional characters.  Multi-line cells are
  quoted CSV.  Chains (intended): {chain}.  Types: {ptype}.  Status: {pstat} (expired ads have
  `valid_until` before {AS_OF}).
* `postings_labels.csv` — extra file, `external_id,intended_chain`: the designer's answer key
  (`none` = outside the four chains).  For evaluating the matching engine only; never feed it to it.
* `teachers.csv`, `teacher_qualifications.csv`, `teacher_experience.csv`, `teacher_practice.csv`
  — see the dual-qualified design below.  `level` of skill certificates is `5`…`1` (五级/初级工 …
  一级/高级技师); titles use `junior|intermediate|senior|full_senior`.  `teacher_experience` end_date
  is empty for part-time mentors still employed by their enterprise.
* `partners.csv`, `agreements.csv` — Bay Area colleges and enterprises, local leading enterprises,
  two alliances, the zone administration; pairing, 3+2 articulation (中高职贯通), order classes,
  training bases, alliance membership.  One agreement (格力 training base) expired on 2026-04-25.
* `activities.csv` — five commons, teacher practice, technician teaching, internships, visits,
  alliance meetings, joint enrolment; `planned` rows are dated after {AS_OF}.  Five-commons gaps on
  purpose: 660303 has 3 of 5 done (textbook planned, evaluation missing), 660103 2, 670207 2,
  贡江 660702 1, 630501 and 660301 none.  Every `done` teacher_practice row has the same teacher,
  enterprise, start date and days in `teacher_practice.csv` (and every `bay_area=1` record there has
  its activity); the one `planned` teacher practice exists only in `activities.csv`.
* `indicator_values.csv` — indicators that cannot be computed from the data (sample values).

## Dual-qualified (双师型) design

Designed against a simplified reading of the MoE 2022 basic standard: **teacher certificate AND
(a skill certificate in the programme's field at level 4 or higher, OR an industry title in the field,
OR ≥ 3 years enterprise work, OR ≥ 180 days enterprise practice ending within the last 5 years)**.
The field table (`PROGRAMME_FIELDS`) and thresholds (`DQ_RULE`) are in the script; the product's own
rule set is configurable and may differ.  Basis: full-time teachers with a `programme_code`
(专业课专任教师); general-subject teachers (~20 %) and part-time mentors are outside the basis.

| school | dual-qualified as of {AS_OF} |
|---|---|
{dq_school}
| **district** | **{pct(n, d)}** |

Over time (year end; 2026 = {AS_OF}): {series}.
Other bases: {alt}.

Near-qualified teachers (not dual-qualified today, something almost there):

| staff_no | programme | what is missing |
|---|---|---|
{near}

## Enrolment (`enrolment_history.csv`)

| year | {" | ".join(c for c, *_ in SCHOOLS)} | district |
|---|{"---|" * len(SCHOOLS)}---|
{enrol}
"""


# ---------------------------------------------------------------------------------------------
# Self-check
# ---------------------------------------------------------------------------------------------
HEADERS = {
    "schools.csv": "code,name,short_name,kind,address,founded_year,website",
    "offerings.csv": "school_code,programme_code,year,intake_plan,enrolled,graduates_per_year,key_demonstration,"
    "characteristic,provincial_quality,since_year",
    "enrolment_history.csv": "school_code,year,enrolled",
    "enterprises.csv": "name,short_names,credit_code,location_kind,city,address,size,is_leading,chains,segments,"
    "contact_name,contact_phone,website,source_url,notes",
    "postings.csv": "external_id,enterprise_name,title,description,skills,headcount,education,type,location,"
    "salary_min,salary_max,valid_from,valid_until,status",
    "postings_labels.csv": "external_id,intended_chain",
    "teachers.csv": "staff_no,school_code,name,gender,birth_year,id_card,programme_code,subject_area,employment,"
    "source_enterprise,hired_on,has_teacher_certificate,teacher_certificate_no",
    "teacher_qualifications.csv": "staff_no,kind,name,level,issuer,issued_on,field",
    "teacher_experience.csv": "staff_no,employer,role,start_date,end_date",
    "teacher_practice.csv": "staff_no,enterprise_name,start_date,end_date,days,bay_area,content",
    "partners.csv": "key,name,kind,region,city,enterprise_name,website,notes",
    "agreements.csv": "key,partner_key,school_code,type,title,signed_on,valid_until,programmes,notes",
    "activities.csv": "key,date,type,school_code,programmes,partner_keys,status,title,people,teacher_staff_no,"
    "enterprise_name,days,hours,students,course,evidence_url,notes",
    "indicator_values.csv": "indicator,value,as_of,evidence",
}
CHAINS = {"rare_earth", "tungsten", "new_energy", "intelligent_equipment"}


def check(out_dir: str, catalogue_path: str) -> int:
    import filecmp
    import tempfile

    errors: list[str] = []
    err = errors.append

    # determinism: two fresh builds are identical, and equal to what is on disk
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        build(a)
        build(b)
        names = sorted(os.listdir(a))
        _m, mismatch, missing = filecmp.cmpfiles(a, b, names, shallow=False)
        if mismatch or missing:
            err(f"non-deterministic output: {mismatch + missing}")
        _m, mismatch, missing = filecmp.cmpfiles(a, out_dir, names, shallow=False)
        if mismatch or missing:
            err(f"{out_dir} is out of date (rebuild): {mismatch + missing}")

    # catalogue
    cat = {}
    if os.path.exists(catalogue_path):
        for row in read_csv(catalogue_path):
            if row["level"] == "中职":
                cat[row["code"]] = row["name"]
        for code, name in PROGRAMMES.items():
            if cat.get(code) != name:
                err(f"programme {code} {name}: catalogue says {cat.get(code)!r}")
    else:
        print(
            f"WARNING: catalogue {catalogue_path} not found; checking codes against the embedded list only"
        )
        cat = dict(PROGRAMMES)

    data = {}
    for f, header in HEADERS.items():
        path = os.path.join(out_dir, f)
        with open(path, "rb") as fh:
            raw = fh.read()
        if raw.startswith(b"\xef\xbb\xbf"):
            err(f"{f}: has a BOM")
        if raw.decode("utf-8").split("\n", 1)[0] != header:
            err(f"{f}: header differs from the contract")
        data[f] = read_csv(path)
    with open(os.path.join(out_dir, "README.md"), encoding="utf-8") as fh:
        readme_text = fh.read()
    if not readme_text.startswith(
        "**SAMPLE DATA — fictional people, real organisations where named; not official statistics**"
    ):
        err("README.md: banner missing")

    schools = {s["code"] for s in data["schools.csv"]}
    ents = {e["name"]: e for e in data["enterprises.csv"]}
    teachers = {t["staff_no"]: t for t in data["teachers.csv"]}
    partners = {p["key"]: p for p in data["partners.csv"]}
    offered = {(o["school_code"], o["programme_code"]) for o in data["offerings.csv"]}

    def prog_ok(code, where):
        if code and code not in cat:
            err(f"{where}: {code} is not a 中职 catalogue code")

    def date_ok(v, where, empty=False):
        if not v and empty:
            return None
        try:
            return D(v)
        except ValueError:
            err(f"{where}: bad date {v!r}")

    for s in data["schools.csv"]:
        if s["kind"] not in ("public", "private"):
            err(f"school {s['code']}: kind {s['kind']}")
    for o in data["offerings.csv"]:
        w = f"offerings {o['school_code']}/{o['programme_code']}"
        prog_ok(o["programme_code"], w)
        if o["school_code"] not in schools:
            err(f"{w}: unknown school")
        if not 40 <= int(o["intake_plan"]) <= 200:
            err(f"{w}: intake out of range")
        for flag in ("key_demonstration", "characteristic", "provincial_quality"):
            if o[flag] not in ("0", "1"):
                err(f"{w}: {flag} not 0/1")
    for e in data["enterprises.csv"]:
        w = f"enterprise {e['name']}"
        if not uscc_valid(e["credit_code"]):
            err(f"{w}: invalid credit code {e['credit_code']}")
        if e["location_kind"] not in ("high_tech_zone", "ganzhou", "bay_area", "other"):
            err(f"{w}: location_kind")
        if e["size"] not in ("micro", "small", "medium", "large"):
            err(f"{w}: size")
        if e["chains"] and not set(e["chains"].split(";")) <= CHAINS:
            err(f"{w}: chains {e['chains']}")
    if len({e["credit_code"] for e in data["enterprises.csv"]}) != len(ents):
        err("duplicate credit codes")

    labels = {x["external_id"]: x["intended_chain"] for x in data["postings_labels.csv"]}
    ids = set()
    for p in data["postings.csv"]:
        w = f"posting {p['external_id']}"
        ids.add(p["external_id"])
        if p["enterprise_name"] not in ents:
            err(f"{w}: unknown enterprise {p['enterprise_name']}")
        if p["type"] not in ("hire", "internship", "order_class", "apprenticeship"):
            err(f"{w}: type")
        if p["education"] not in ("初中", "中职", "高中", "大专", "本科", "不限"):
            err(f"{w}: education")
        if p["status"] not in ("open", "filled", "closed", "expired"):
            err(f"{w}: status")
        hc = int(p["headcount"])
        if not 1 <= hc <= 60 or (p["type"] == "order_class" and not 30 <= hc <= 50):
            err(f"{w}: headcount {hc}")
        if not 2 <= len(p["skills"].split(";")) <= 6:
            err(f"{w}: skills count")
        if p["salary_min"] and int(p["salary_min"]) > int(p["salary_max"]):
            err(f"{w}: salary_min > salary_max")
        vf, vu = date_ok(p["valid_from"], w), date_ok(p["valid_until"], w)
        if vf and vu and vf >= vu:
            err(f"{w}: valid_from >= valid_until")
        if p["status"] == "expired" and vu >= AS_OF:
            err(f"{w}: expired but valid_until {vu}")
        if p["status"] == "open" and vu < AS_OF:
            err(f"{w}: open but already past valid_until")
        if labels.get(p["external_id"]) not in CHAINS | {"none"}:
            err(f"{w}: no label")
    if len(ids) != len(data["postings.csv"]):
        err("duplicate posting external_id")

    for t in data["teachers.csv"]:
        w = f"teacher {t['staff_no']}"
        if t["school_code"] not in schools:
            err(f"{w}: unknown school")
        prog_ok(t["programme_code"], w)
        if t["programme_code"] and (t["school_code"], t["programme_code"]) not in offered:
            err(f"{w}: programme {t['programme_code']} not offered by {t['school_code']}")
        idn = t["id_card"]
        if not (
            id_valid(idn)
            and idn.startswith("3607")
            and idn[6:10] == t["birth_year"]
            and (int(idn[16]) % 2 == 1) == (t["gender"] == "M")
        ):
            err(f"{w}: invalid fictional ID {idn}")
        if t["employment"] not in ("full_time", "part_time"):
            err(f"{w}: employment")
        if t["employment"] == "part_time" and t["source_enterprise"] not in ents:
            err(f"{w}: source_enterprise {t['source_enterprise']!r} unknown")
        if (t["has_teacher_certificate"] == "1") != bool(t["teacher_certificate_no"]):
            err(f"{w}: certificate flag vs number")
    if len({t["id_card"] for t in data["teachers.csv"]}) != len(teachers):
        err("duplicate ID numbers")
    for q in data["teacher_qualifications.csv"]:
        w = f"qualification {q['staff_no']} {q['name']}"
        if q["staff_no"] not in teachers:
            err(f"{w}: unknown staff_no")
        lv = {"skill_certificate": {"1", "2", "3", "4", "5"}}.get(
            q["kind"], {"junior", "intermediate", "senior", "full_senior"}
        )
        if (
            q["kind"] not in ("skill_certificate", "professional_title", "industry_title")
            or q["level"] not in lv
        ):
            err(f"{w}: kind/level {q['kind']}/{q['level']}")
        date_ok(q["issued_on"], w)
    for e in data["teacher_experience.csv"]:
        if e["staff_no"] not in teachers:
            err(f"experience: unknown staff_no {e['staff_no']}")
        s, en = (
            date_ok(e["start_date"], "experience"),
            date_ok(e["end_date"], "experience", empty=True),
        )
        t = teachers.get(e["staff_no"])
        if t and t["employment"] == "full_time" and (en is None or en > D(t["hired_on"])):
            err(
                f"experience {e['staff_no']}: full-time teacher's enterprise work must end before hire"
            )
    prac_keys = set()
    for p in data["teacher_practice.csv"]:
        w = f"practice {p['staff_no']} {p['start_date']}"
        if p["staff_no"] not in teachers:
            err(f"{w}: unknown staff_no")
        if p["enterprise_name"] not in ents:
            err(f"{w}: unknown enterprise")
        elif p["bay_area"] != (
            "1" if ents[p["enterprise_name"]]["location_kind"] == "bay_area" else "0"
        ):
            err(f"{w}: bay_area flag inconsistent with the enterprise")
        s, en = date_ok(p["start_date"], w), date_ok(p["end_date"], w)
        if (
            s
            and en
            and (
                (en - s).days + 1 != int(p["days"])
                or not D("2021-01-01") <= s <= AS_OF
                or en > AS_OF
            )
        ):
            err(f"{w}: dates/days inconsistent")
        prac_keys.add(
            (p["staff_no"], p["enterprise_name"], p["start_date"], p["days"], p["bay_area"])
        )
    for p in data["partners.csv"]:
        if p["kind"] not in ("college", "enterprise", "alliance", "group", "government"):
            err(f"partner {p['key']}: kind")
        if p["region"] not in ("bay_area", "ganzhou", "jiangxi", "other"):
            err(f"partner {p['key']}: region")
        if p["enterprise_name"] and p["enterprise_name"] not in ents:
            err(f"partner {p['key']}: unknown enterprise")
    for a in data["agreements.csv"]:
        w = f"agreement {a['key']}"
        if a["partner_key"] not in partners:
            err(f"{w}: unknown partner")
        if a["school_code"] not in schools:
            err(f"{w}: unknown school")
        if a["type"] not in (
            "pairing",
            "joint_training",
            "articulation",
            "training_base",
            "order_class",
            "alliance_membership",
        ):
            err(f"{w}: type")
        for c in filter(None, a["programmes"].split(";")):
            prog_ok(c, w)
            if (a["school_code"], c) not in offered:
                err(f"{w}: {c} not offered by {a['school_code']}")
        date_ok(a["signed_on"], w)
        date_ok(a["valid_until"], w, empty=True)
    act_prac = set()
    for a in data["activities.csv"]:
        w = f"activity {a['key']}"
        d = date_ok(a["date"], w)
        if a["status"] not in ("planned", "done") or (a["status"] == "planned") != (d > AS_OF):
            err(f"{w}: status {a['status']} vs date {d}")
        if a["school_code"] not in schools:
            err(f"{w}: unknown school")
        for c in filter(None, a["programmes"].split(";")):
            prog_ok(c, w)
        for k in filter(None, a["partner_keys"].split(";")):
            if k not in partners:
                err(f"{w}: unknown partner {k}")
        if a["teacher_staff_no"] and a["teacher_staff_no"] not in teachers:
            err(f"{w}: unknown staff_no")
        if a["enterprise_name"] and a["enterprise_name"] not in ents:
            err(f"{w}: unknown enterprise")
        if a["type"] == "teacher_practice":
            if (
                not a["teacher_staff_no"]
                or ents.get(a["enterprise_name"], {}).get("location_kind") != "bay_area"
            ):
                err(f"{w}: teacher_practice needs a teacher and a Bay Area enterprise")
            if a["status"] == "done":
                k = (a["teacher_staff_no"], a["enterprise_name"], a["date"], a["days"], "1")
                act_prac.add(k)
                if k not in prac_keys:
                    err(f"{w}: no matching teacher_practice.csv record")
    for k in prac_keys:
        if k[4] == "1" and k not in act_prac:
            err(f"teacher_practice {k}: Bay Area practice without a done activity")

    # teacher design: every DQ/NEAR design holds under the rule
    ctx_staff = {}
    with tempfile.TemporaryDirectory() as a:
        ctx_staff = build(a)["staff"]
    qb, eb, pb = defaultdict(list), defaultdict(list), defaultdict(list)
    for q in data["teacher_qualifications.csv"]:
        qb[q["staff_no"]].append(q)
    for e in data["teacher_experience.csv"]:
        eb[e["staff_no"]].append(e)
    for p in data["teacher_practice.csv"]:
        pb[p["staff_no"]].append(p)
    for spec in TEACHERS:
        sn = ctx_staff[spec["tid"]]
        ok, _met, near = dq_evaluate(teachers[sn], qb[sn], eb[sn], pb[sn], AS_OF)
        if spec["design"].startswith("DQ") and not ok:
            err(f"teacher {spec['tid']}/{sn}: designed dual-qualified but is not")
        if spec["design"].startswith("NEAR") and (ok or not near):
            err(f"teacher {spec['tid']}/{sn}: designed near-qualified but ok={ok} near={near}")
        if not spec["design"].startswith(("DQ", "part-time")) and ok:
            err(f"teacher {spec['tid']}/{sn}: designed not dual-qualified but is")

    # ---- report ------------------------------------------------------------------------------
    s = compute_stats(out_dir)
    print("rows per file:")
    for f, n in s["files"].items():
        print(f"  {f:28s} {n}")
    print("postings per intended chain:", dict(sorted(s["chain"].items())))
    print("postings per type:         ", dict(sorted(s["ptype"].items())))
    print("postings per status:       ", dict(sorted(s["pstatus"].items())))
    ch = Counter()
    for e in data["enterprises.csv"]:
        for c in filter(None, e["chains"].split(";")):
            ch[c] += 1
        if not e["chains"]:
            ch["(none)"] += 1
    print("enterprises per chain:     ", dict(sorted(ch.items())))
    print("enterprises per location:  ", dict(sorted(s["loc"].items())))
    print(
        "enrolment per year:        ", {y: sum(v.values()) for y, v in sorted(s["enrol"].items())}
    )
    print("teachers (school, employment, has programme):")
    for k, v in sorted(s["teachers"].items()):
        print(f"  {k}: {v}")
    print("dual-qualified (full-time programme teachers) as of", AS_OF)
    for sc, (a, b) in s["dq_school"].items():
        print(f"  {sc}: {pct(a, b)}")
    n, d = map(sum, zip(*s["dq_school"].values(), strict=True))
    print(f"  district: {pct(n, d)}")
    print(
        "  by year:", {y: f"{100 * a / b:.1f}% ({a}/{b})" for y, (a, b) in s["dq_series"].items()}
    )
    print("  other bases:", {k: pct(*v) for k, v in s["dq_alt"].items()})
    print(f"near-qualified: {len(s['near'])}")
    for sn, pc, r in s["near"]:
        print(f"  {sn} {pc}: {'; '.join(r)}")
    a = [x for x in data["activities.csv"]]
    print("activities per type:       ", dict(sorted(Counter(x["type"] for x in a).items())))
    print("activities per status:     ", dict(sorted(Counter(x["status"] for x in a).items())))
    print(
        "agreements per type:       ",
        dict(sorted(Counter(x["type"] for x in data["agreements.csv"]).items())),
    )
    if errors:
        print(f"\n{len(errors)} PROBLEM(S):")
        for e in errors:
            print("  -", e)
        return 1
    print("\nOK: all checks passed")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--out", default=DEFAULT_OUT, help="output directory (default data/sample)")
    ap.add_argument(
        "--check", action="store_true", help="validate the files in --out and print counts"
    )
    ap.add_argument(
        "--catalogue", default=DEFAULT_CATALOGUE, help="MoE catalogue CSV used by --check"
    )
    args = ap.parse_args(argv)
    if args.check:
        return check(args.out, args.catalogue)
    build(args.out)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
